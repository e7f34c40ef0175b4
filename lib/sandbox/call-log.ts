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
