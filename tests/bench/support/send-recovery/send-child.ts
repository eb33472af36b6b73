/**
 * One app session of the send-recovery bench, run as its own process so it can really die.
 *
 * `send`: sends the bench draft and SIGKILLs itself at `BENCH_KILL_STEP` of chunk `BENCH_KILL_CHUNK`
 * (through the sender's `onStep` hook). `resume`: starts like the app does, which resumes every
 * unfinished job, waits until they are done, and exits.
 *
 * Environment: BENCH_DATA_DIR, BENCH_SANDBOX (JSON: url, corpid, secret), BENCH_DRAFT_ID,
 * BENCH_KILL_STEP, BENCH_KILL_CHUNK.
 */
import type { SendStep } from '../../../../electron/core/services/massMessages/sending/send-run'
import { openCampaignCore, type SandboxAddress } from '../../../unit/massMessages/sending/harness'

/**
 * The sandbox answers at once, so an attempt older than 1 s can no longer be on its way: the
 * production default (15 s, the client's request timeout) would only make the bench slower.
 */
const RECONCILE_TIMING = { reconcileSettleMs: 1000, dispatchPollMs: 200 }

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

async function main(): Promise<void> {
  const mode = process.argv[2]
  const killStep = process.env.BENCH_KILL_STEP as SendStep | undefined
  const killChunk = Number(process.env.BENCH_KILL_CHUNK ?? -1)
  const onStep = (step: SendStep, chunkSeq: number) => {
    if (step === killStep && chunkSeq === killChunk) process.kill(process.pid, 'SIGKILL')
  }
  const sandbox = JSON.parse(required('BENCH_SANDBOX')) as SandboxAddress
  const core = await openCampaignCore(required('BENCH_DATA_DIR'), sandbox, { ...RECONCILE_TIMING, onStep })
  // Every trial sends the same draft again on purpose: the repeat is confirmed.
  if (mode === 'send') core.campaigns.send({ draftId: required('BENCH_DRAFT_ID'), confirmRepeat: true })
  else if (mode !== 'resume') throw new Error(`unknown mode ${mode}`)
  await core.campaigns.idle()
  await core.close()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
