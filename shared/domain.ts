// Domains are normalised on both sides (DESIGN §4): trimmed, lower-cased, one trailing dot
// removed, internationalised names to ASCII by UTS #46 non-transitional processing — which is
// what the WHATWG URL parser does, and URL is a global in browsers and Node alike.

const PLAIN_ASCII = /^[a-z0-9._-]+$/;
// Characters that would make the URL parser read something other than a host name.
const NOT_A_HOST = /[\s/\\?#@:%[\]<>^|"'`{}]/;

/** The normal form of a domain, or null when the text cannot be a domain. */
export function normaliseDomain(raw: string): string | null {
  let domain = raw.trim().toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (domain === '' || domain.startsWith('.') || domain.includes('..')) return null;
  if (PLAIN_ASCII.test(domain)) return domain;
  if (NOT_A_HOST.test(domain)) return null;
  try {
    const host = new URL(`http://${domain}/`).hostname;
    if (host === '' || host.startsWith('[')) return null;
    return host.endsWith('.') ? host.slice(0, -1) : host;
  } catch {
    return null;
  }
}
