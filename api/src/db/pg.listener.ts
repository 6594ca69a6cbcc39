/**
 * A LISTEN that survives its connection: one `pg.Client` of its own per channel, re-opened with
 * backoff (1 s doubling to 30 s) when PostgreSQL restarts or the network drops it. Notifications sent
 * while it was away are lost, so `onResume` is called after each reconnection for the listener to
 * assume that anything may have changed.
 * Reference: PostgreSQL LISTEN/NOTIFY (a notification reaches only the sessions listening at commit).
 */
import pg from 'pg';

export interface ListenerHandle {
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export async function durableListen(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onResume: () => void,
): Promise<ListenerHandle> {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url, application_name: 'belcheer-listen' });
    c.on('error', () => undefined);
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.once('end', () => {
      if (client === c) client = null;
      if (!closed) retry();
    });
    await c.connect();
    await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
    client = c;
  }

  function retry(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().then(
        () => {
          retryMs = FIRST_RETRY_MS;
          onResume();
        },
        () => {
          retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
          retry();
        },
      );
    }, retryMs);
    timer.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
