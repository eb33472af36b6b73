import { ElMessageBox } from 'element-plus'

/** Asks a warning-type yes/no question; true when the user confirmed, false when they closed it. */
export async function confirmWarning(
  message: string,
  title: string,
  buttons?: { confirmButtonText: string; cancelButtonText: string },
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', ...buttons })
    return true
  } catch {
    return false
  }
}
