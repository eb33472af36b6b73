/**
 * One app session of the moment-recovery bench, run as its own process so it can really die.
 *
 * `publish`: publishes the bench draft and SIGKILLs itself at `BENCH_KILL_STEP` (through the
 * publisher's `onStep` hook; `poll` = after the first get_moment_task_result answer). `resume`:
 * starts like the app does, which resumes every unfinished publish, waits until they are done, exits.
 *
 * Environment: BENCH_DATA_DIR, BENCH_SANDBOX (JSON: url, corpid, secret), BENCH_DRAFT_ID, BENCH_KILL_STEP.
 */
import type { PublishStep } from '../../../../electron/core/services/moments/publish/run'
import { openPublishCore, type SandboxAddress } from '../../../unit/moments/publish/harness'

/**
 * The sandbox completes an add_moment_task job 3 s after the call and lists the moment from then:
 * an attempt older than 5 s (3 s and a margin for a busy machine) that is not listed never happened. Production waits 60 s.
 */
const TIMING = { settleMs: 5000, pollBaseMs: 200, pollMaxMs: 1000 }

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

async function main(): Promise<void> {
  const mode = process.argv[2]
  const killStep = process.env.BENCH_KILL_STEP as PublishStep | undefined
  const onStep = (step: PublishStep) => {
    if (step === killStep) process.kill(process.pid, 'SIGKILL')
  }
  const sandbox = JSON.parse(required('BENCH_SANDBOX')) as SandboxAddress
  const core = await openPublishCore(required('BENCH_DATA_DIR'), sandbox, { ...TIMING, onStep })
  if (mode === 'publish') core.publishing.publish({ draftId: required('BENCH_DRAFT_ID') })
  else if (mode !== 'resume') throw new Error(`unknown mode ${mode}`)
  await core.publishing.idle()
  await core.close()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
