// The details of the reopen notifications (ADR 0042): a request carries
// `request:<id>` and the agent's reason on the next line; a decision `approved:<id>` or
// `refused:<id>` and the supervisor's answer.
export interface ReopenDetail {
  kind: 'request' | 'approved' | 'refused';
  requestId: number;
  text: string;
}

export function reopenDetail(detail: string): ReopenDetail | null {
  const m = /^(request|approved|refused):(\d+)(?:\n([\s\S]*))?$/.exec(detail);
  if (!m) return null;
  return { kind: m[1] as ReopenDetail['kind'], requestId: Number(m[2]), text: m[3] ?? '' };
}
