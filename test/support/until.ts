/**
 * Waits for something a worker does in the background (a delivery, a status, a page that changes):
 * polls `f` until it gives a value other than undefined, and throws once `ms` have passed.
 */
export async function until<T>(
  f: () => Promise<T | undefined> | T | undefined,
  { ms = 15_000, everyMs = 50 }: { readonly ms?: number; readonly everyMs?: number } = {},
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
