/**
 * `npm run bench:moment-recovery`: a moment is published exactly once when the app dies at any point.
 *
 * A sandbox corp runs in this process (so it outlives the app sessions). The bench draft is a text
 * with 3 images. Each trial publishes it in a child process that SIGKILLs itself at one kill point —
 * before the call (in_flight committed), after the call but before the journal write, after the
 * write (jobid journaled), or during result polling (after the first get_moment_task_result) —
 * then a second child starts like the app and resumes the job. The sandbox's request log then
 * tells how many add_moment_task calls WeCom carried out in the trial: more than one is a
 * duplicate, none (or a job not done) is a lost moment; the journal must name the very moment
 * WeCom created. Every trial publishes the same content on one data folder, so every trial also
 * proves that earlier moments with the same content are never claimed by reconciliation.
 *
 * The last line is `trials=N duplicates=N lost=N misrecorded=N wall_s=… load=…`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startSandbox } from '../../electron/core/sandbox'
import type { PublishStep } from '../../electron/core/services/moments/publish/run'
import { PublishJournal } from '../../electron/core/services/moments/publish/journal'
import { WorkspaceManager } from '../../electron/core/store/manager'
import { SANDBOX_PROFILE_ID } from '../../shared/profiles'
import { openPublishCore, png } from '../unit/moments/publish/harness'

const STEPS: readonly PublishStep[] = ['before-call', 'after-call', 'after-write', 'poll']
const ROUNDS = 8
const CHILD = join(import.meta.dirname, 'support/moment-recovery/publish-child.ts')
const TSX_CLI = join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs')

function session(mode: 'publish' | 'resume', env: Record<string, string>) {
  return new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, CHILD, mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
}

/** The job the trial created, read from the data folder between sessions (no service runs). */
function readJob(dataDir: string, known: ReadonlySet<string>) {
  const workspaces = new WorkspaceManager(dataDir)
  try {
    const journal = workspaces.forProfile(SANDBOX_PROFILE_ID).repository(PublishJournal)
    return journal.jobs().find((candidate) => !known.has(candidate.id))
  } finally {
    workspaces.closeAll()
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-moment-recovery-'))
  const sandbox = await startSandbox({ customers: 500, members: 20, groups: 0 })
  const address = { url: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret }
  // The draft, composed the way the app does (local media, autosaved), before any trial.
  const setup = await openPublishCore(dataDir, address)
  const attachments = [1, 2, 3].map((seed) => ({
    msgtype: 'image' as const,
    image: setup.addImage(png(1080, 1080, seed)),
  }))
  const draftId = setup.saveDraft({ title: 'bench', content: { text: '周末限时活动：到店即送咖啡 ☕', attachments } })
  await setup.close()
  const env = { BENCH_DATA_DIR: dataDir, BENCH_SANDBOX: JSON.stringify(address), BENCH_DRAFT_ID: draftId }

  const known = new Set<string>()
  let trials = 0
  let duplicates = 0
  let lost = 0
  let misrecorded = 0
  let anomalies = 0
  const started = performance.now()
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const step of STEPS) {
        const trialStarted = performance.now()
        const since = sandbox.requestLog.length
        const momentsBefore = sandbox.state.moments.length
        const killed = await session('publish', { ...env, BENCH_KILL_STEP: step })
        const resumed = await session('resume', env)
        trials++

        const job = readJob(dataDir, known)
        if (job) known.add(job.id)

        const calls = sandbox.requestLog
          .slice(since)
          .filter((record) => record.path === 'externalcontact/add_moment_task' && record.mutated).length
        const created = sandbox.state.moments.slice(momentsBefore).map((moment) => moment.momentId)
        const trialDuplicates = Math.max(0, calls - 1)
        const trialLost = job?.state === 'done' && calls >= 1 ? 0 : 1
        const wrong = job?.momentId !== undefined && created.length === 1 && created[0] === job.momentId ? 0 : 1
        duplicates += trialDuplicates
        lost += trialLost
        misrecorded += wrong
        // tsx runs the script in a child of its own and reports that child's SIGKILL as exit code 137.
        const wasKilled = killed.signal === 'SIGKILL' || killed.code === 128 + 9
        if (!wasKilled || resumed.code !== 0 || trialDuplicates + trialLost + wrong > 0) anomalies++
        console.log(
          `trial ${String(trials).padStart(2, '0')} kill=${step.padEnd(11)} killed=${wasKilled ? 'yes' : 'no'} ` +
            `job=${job?.state ?? 'missing'} recovered=${job?.recovered ? 'list' : 'result'} calls=${calls} ` +
            `duplicates=${trialDuplicates} lost=${trialLost} misrecorded=${wrong} ms=${Math.round(performance.now() - trialStarted)}`,
        )
      }
    }
  } finally {
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const wall = (performance.now() - started) / 1000
  console.log(`anomalies=${anomalies}`)
  if (anomalies > 0 || duplicates > 0 || lost > 0 || misrecorded > 0) process.exitCode = 1
  console.log(
    `trials=${trials} duplicates=${duplicates} lost=${lost} misrecorded=${misrecorded} wall_s=${wall.toFixed(1)} load=${loadavg()[0]!.toFixed(2)}`,
  )
}

void main()
