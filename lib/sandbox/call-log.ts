export interface CallRecord {
  at: number;
  accountId: string;
  region: string;
  service: string;
  action: string;
  status: number;
  errorCode?: string;
  /** For successful Create* calls: the resource created, or replayed for an idempotent retry. */
  resourceId?: string;
  /** The AWS SDK's attempt number (its `amz-sdk-request` header): above 1 for the SDK's own retries. */
  attempt?: number;
}

/** The attempt number an AWS SDK sends in `amz-sdk-request: attempt=2; max=3`. */
export function sdkAttempt(headers: Readonly<Record<string, string>>): number | undefined {
  const header = Object.entries(headers).find(([key]) => key.toLowerCase() === "amz-sdk-request")?.[1];
  const attempt = header ? /(?:^|;)\s*attempt=(\d+)/.exec(header)?.[1] : undefined;
  return attempt ? Number(attempt) : undefined;
}

/** Bounded ring of recent calls: tests and the bench read it, and it must not grow forever. */
export class CallLog {
  private readonly entries: CallRecord[] = [];
  private start = 0;

  constructor(private readonly capacity = 100_000) {}

  add(record: CallRecord): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(record);
      return;
    }
    this.entries[this.start] = record;
    this.start = (this.start + 1) % this.capacity;
  }

  list(): ReadonlyArray<CallRecord> {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }
}
