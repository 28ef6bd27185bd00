/**
 * URL allow-lists for links and images. Browsers ignore ASCII control characters and whitespace inside a
 * scheme ("java\tscript:" runs script), so the scheme is read with those removed before it is judged.
 */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SCHEME.exec(squeezed)?.[1]?.toLowerCase();
}

function allowed(url: string | undefined, schemes: readonly string[]): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  const scheme = schemeOf(trimmed);
  // No scheme: a relative reference (path, query, fragment or protocol-relative //host).
  if (scheme === undefined) return trimmed;
  return schemes.includes(scheme) ? trimmed : undefined;
}

/** A link target we keep: http(s), mailto or relative; `javascript:`, `data:`, `vbscript:` and the rest are refused. */
export function safeHref(href: string | undefined): string | undefined {
  return allowed(href, ['http', 'https', 'mailto']);
}

/** An image source we keep: http(s) or relative (no `data:` blobs, no script). */
export function safeImageSrc(src: string | undefined): string | undefined {
  return allowed(src, ['http', 'https']);
}

/**
 * Whether an href survives as an ADF link mark. Atlassian's validator only accepts absolute URLs of known
 * schemes, root-relative paths and fragments (https://developer.atlassian.com/cloud/jira/platform/apis/document/marks/link/),
 * so a bare relative path ("page.html") cannot be a link in JSM.
 */
export function adfLinkable(href: string): boolean {
  return /^(https?:\/\/|mailto:|\/|#)/i.test(href) && safeHref(href) !== undefined;
}
