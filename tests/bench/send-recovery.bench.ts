/**
 * `npm run bench:send-recovery`: exactly-once sending when the app dies at any point.
 *
 * A sandbox corp with 25,000 customers runs in this process (so it outlives the app sessions);
 * the bench draft targets all of them, i.e. 3 add_msg_template calls of 10,000 / 10,000 / 5,000.
 * Each trial runs the send in a child process that SIGKILLs itself at one kill point of one
 * chunk — before the call (in_flight committed), after the call but before the journal write, or
 * after the write — then a second child starts like the app and resumes the job. The sandbox's
 * request log then tells, per chunk, how many add_msg_template calls WeCom carried out with
 * exactly that chunk's recipients: more than one is a duplicate, none is a lost chunk. The
 * 3 × 3 matrix is repeated 4 times (36 trials) on one data folder, so every trial also proves
 * that earlier jobs' messages (same content, same recipients) are never claimed again.
 *
 * The last line is `trials=N duplicates=N lost=N`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startSandbox } from '../../electron/core/sandbox'
import type { SandboxHandle } from '../../electron/core/sandbox/types'
import type { SendStep } from '../../electron/core/services/massMessages/sending/send-run'
import { WorkspaceManager } from '../../electron/core/store/manager'
import { DraftRepository } from '../../electron/core/store/repositories/drafts'
import { SendJournalRepository } from '../../electron/core/store/repositories/send-journal'
import { SANDBOX_PROFILE_ID } from '../../shared/profiles'

const CUSTOMERS = 25_000
const CHUNKS = 3
const STEPS: readonly SendStep[] = ['before-call', 'after-call', 'after-write']
const ROUNDS = 4
const CHILD = join(import.meta.dirname, 'support/send-recovery/send-child.ts')
const TSX_CLI = join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs')

/** Runs one app session; resolves with how it ended. */
function session(
  mode: 'send' | 'resume',
  env: Record<string, string>,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, CHILD, mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
}

/** The job the trial created and its chunks, read from the data folder between sessions. */
function readJournal(dataDir: string, knownJobs: ReadonlySet<string>) {
  const workspaces = new WorkspaceManager(dataDir)
  try {
    const journal = workspaces.forProfile(SANDBOX_PROFILE_ID).repository(SendJournalRepository)
    const job = journal.jobs().find((candidate) => !knownJobs.has(candidate.id))
    return job && { job, chunks: journal.chunks(job.id) }
  } finally {
    workspaces.closeAll()
  }
}

function createDraft(dataDir: string, sandbox: SandboxHandle): string {
  const workspaces = new WorkspaceManager(dataDir)
  try {
    const drafts = workspaces.forProfile(SANDBOX_PROFILE_ID).repository(DraftRepository)
    return drafts.save(
      {
        title: 'bench',
        chatType: 'single',
        content: {
          text: '会员日：全场满 300 减 50',
          attachments: [{ msgtype: 'link', link: { title: '会员日', url: 'https://example.com/member-day' } }],
        },
        targeting: { mode: 'customers', externalUserids: sandbox.state.customers.map((c) => c.externalUserid) },
      },
      Date.now(),
    ).id
  } finally {
    workspaces.closeAll()
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-send-recovery-'))
  const sandbox = await startSandbox({ customers: CUSTOMERS, members: 100, groups: 0 })
  const env = {
    BENCH_DATA_DIR: dataDir,
    BENCH_SANDBOX: JSON.stringify({ url: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret }),
    BENCH_DRAFT_ID: createDraft(dataDir, sandbox),
  }
  const knownJobs = new Set<string>()
  let trials = 0
  let duplicates = 0
  let lost = 0
  let anomalies = 0
  const started = performance.now()
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const step of STEPS) {
        for (let chunk = 0; chunk < CHUNKS; chunk++) {
          const trialStarted = performance.now()
          const since = sandbox.requestLog.length
          const killed = await session('send', { ...env, BENCH_KILL_STEP: step, BENCH_KILL_CHUNK: String(chunk) })
          const resumed = await session('resume', env)
          const found = readJournal(dataDir, knownJobs)
          trials++

          const created = sandbox.requestLog
            .slice(since)
            .filter((record) => record.path === 'externalcontact/add_msg_template' && record.mutated)
            .map((record) => JSON.stringify((record.body as { external_userid: string[] }).external_userid))
          const perChunk = (found?.chunks ?? []).map(
            (c) => created.filter((recipients) => recipients === JSON.stringify(c.recipients)).length,
          )
          const trialDuplicates = perChunk.reduce((sum, n) => sum + Math.max(0, n - 1), 0)
          const trialLost = found ? perChunk.filter((n) => n === 0).length : CHUNKS
          duplicates += trialDuplicates
          lost += trialLost

          // The journal must also name the very message WeCom created for each chunk.
          const misrecorded = (found?.chunks ?? []).filter((c) => {
            const message = sandbox.state.massMessages.find((candidate) => candidate.msgid === c.msgid)
            const reached = message?.tasks.flatMap((task) => task.recipients).sort() ?? []
            return JSON.stringify(reached) !== JSON.stringify([...c.recipients].sort())
          }).length
          // tsx runs the script in a child of its own and reports that child's SIGKILL as exit code 137.
          const wasKilled = killed.signal === 'SIGKILL' || killed.code === 128 + 9
          const ok = wasKilled && resumed.code === 0 && found?.job.state === 'done' && misrecorded === 0
          if (!ok) anomalies++
          if (found) knownJobs.add(found.job.id)

          console.log(
            `trial ${String(trials).padStart(2, '0')} kill=${step} chunk=${chunk} killed=${wasKilled ? 'yes' : 'no'} ` +
              `job=${found?.job.state ?? 'missing'} calls_per_chunk=[${perChunk.join(',')}] misrecorded=${misrecorded} ` +
              `duplicates=${trialDuplicates} lost=${trialLost} ms=${Math.round(performance.now() - trialStarted)}`,
          )
        }
      }
    }
  } finally {
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s; anomalies=${anomalies}`)
  if (anomalies > 0 || duplicates > 0 || lost > 0) process.exitCode = 1
  console.log(`trials=${trials} duplicates=${duplicates} lost=${lost}`)
}

void main()
