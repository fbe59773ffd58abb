import { uuidv7 } from 'uuidv7';
import type { Answers } from '../../src/core/forms/answers.ts';
import type { Mutation, PushResponse } from '../../src/core/sync/protocol.ts';

/** A hearing report's answers as an observer fills them: a few choices, free text and two witness rows. */
export function hearingReportAnswers(i: number): Answers {
  const closed = i % 3 === 0;
  return {
    hearing_date: hearingDate(i),
    monitors_admitted: closed ? 'no' : 'yes',
    ...(closed ? { monitors_admitted_details: `Bailiffs kept ${i % 7} people outside; relatives waited in the corridor.` } : {}),
    summary_text: `Hearing ${i}: the court heard two witnesses; the defence asked for an adjournment, which was refused. The defendant said he had not seen the file.`,
    witness_rows: [
      { _row: `w${i}a`, witness_code: `W-${i}-1`, present_before_testifying: i % 4 === 0 ? 'yes' : 'no' },
      { _row: `w${i}b`, witness_code: `W-${i}-2` },
    ],
  };
}

export function hearingDate(i: number): string {
  return new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
}

/** Signs in through the API and returns the session cookie ("tm_session=..."). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = /tm_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  return cookie;
}

type MutationInput = Omit<Mutation, 'seq'>;

/**
 * A device as SYNC.md describes it, over real HTTP: an outbox numbered 1, 2, 3 ...; a push sends the
 * oldest rows; the rows up to the answer's lastSeq are deleted; anything else (a refused connection,
 * a lost answer, a 5xx) leaves the outbox as it was, to be sent again.
 */
export class HttpDevice {
  readonly deviceId = uuidv7();
  private outbox: Mutation[] = [];
  private nextSeq = 1;
  /** Every settled result, by seq: what the device was told. */
  readonly settled = new Map<number, PushResponse['results'][number]>();
  failures = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly cookie: string,
  ) {}

  get pending(): number {
    return this.outbox.length;
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  enqueue(mutation: MutationInput): number {
    const seq = this.nextSeq++;
    this.outbox.push({ ...mutation, seq } as Mutation);
    return seq;
  }

  /** One push of the oldest `batchSize` rows. Throws when no answer comes back (network error or 5xx). */
  async pushOnce(batchSize: number, beforeSend?: () => void): Promise<PushResponse> {
    const mutations = this.outbox.slice(0, batchSize);
    beforeSend?.();
    const response = await fetch(`${this.baseUrl()}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify({ protocol: 1, deviceId: this.deviceId, mutations }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${text.slice(0, 300)}`);
    const answer = JSON.parse(text) as PushResponse;
    for (const result of answer.results) if (result.seq <= answer.lastSeq) this.settled.set(result.seq, result);
    this.outbox = this.outbox.filter((m) => m.seq > answer.lastSeq);
    return answer;
  }

  /** Pushes until the outbox is empty, retrying after failures as the app's sync loop does. */
  async drain(batchSize: number, options: { beforeSend?: () => void; retryDelayMs?: number; maxFailures?: number } = {}): Promise<void> {
    while (this.outbox.length > 0) {
      try {
        await this.pushOnce(batchSize, options.beforeSend);
      } catch (error) {
        this.failures += 1;
        if (this.failures > (options.maxFailures ?? 10_000)) throw error;
        await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 50));
      }
    }
  }
}
