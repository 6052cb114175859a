// Many `saveNote` calls over browser mode's HTTP API, in parallel lanes: each lane owns one
// note key and saves it again and again, so the last answer each lane got says exactly what
// the workspace must hold afterwards. Refused saves are counted with their messages.

export interface ApiServer {
  origin: string;
  token: string;
}

export interface StormResult {
  saves: number;
  refused: string[];
  /** Per lane: the note key and the text of its last acknowledged save. */
  lanes: Array<{ key: { org: number; domain: string }; lastAcked: string | null }>;
}

export function serverOf(openUrl: string): ApiServer {
  const url = new URL(openUrl);
  return { origin: url.origin, token: url.searchParams.get('token') ?? '' };
}

export async function apiCall<T = unknown>(
  server: ApiServer,
  method: string,
  args: unknown,
): Promise<{ status: number; body: { ok: true; value: T } | { ok: false; error: string } }> {
  const res = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as { ok: true; value: T } | { ok: false; error: string } };
}

/** `total` saves over `lanes` lanes, lane i on server i mod n. */
export async function saveStorm(servers: ApiServer[], total: number, lanes: number): Promise<StormResult> {
  const refused: string[] = [];
  const result: StormResult = { saves: 0, refused, lanes: [] };
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const server = servers[lane % servers.length];
      const key = { org: lane + 1, domain: `lane-${lane}.example` };
      const record = { key, lastAcked: null as string | null };
      result.lanes[lane] = record;
      const count = Math.floor(total / lanes) + (lane < total % lanes ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const text = `lane ${lane}, save ${i}`;
        const { body } = await apiCall(server, 'saveNote', { key, text, status: 'open', tags: ['probe'] });
        result.saves++;
        if (body.ok) record.lastAcked = text;
        else refused.push(body.error);
      }
    }),
  );
  return result;
}
