/** Everything the client's own copy shows, already translated into the client's language. */
export type ClientCopyModel = {
	lang: string;
	dir: 'ltr' | 'rtl';
	title: string;
	heading: string;
	intro: string;
	ratingsCaption: string;
	columns: [string, string, string];
	rows: { indicator: string; value: string; answer: string }[];
	changedHeading: string;
	changed: string[];
	focusHeading: string;
	focus: string[];
	footer: string;
};

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:18px;line-height:1.5;color:#1b1f24;background:#fff;max-width:44rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #9aa3ad;padding:.5rem;text-align:start;vertical-align:top}
caption{text-align:start;font-weight:700;padding-bottom:.5rem}
.value{font-weight:700;white-space:nowrap}footer{margin-top:2rem;font-size:.9rem;color:#4b5563}
@media print{body{font-size:12pt;padding:0}}`;

/**
 * The client's copy as one self-contained HTML file: inline CSS, no script (and a
 * CSP that forbids any), every text escaped, so whatever a field holds stays text.
 */
export function clientCopyHtml(m: ClientCopyModel): string {
	const e = escapeHtml;
	const rows = m.rows
		.map(
			(r) =>
				`<tr><th scope="row">${e(r.indicator)}</th><td class="value">${e(r.value)}</td><td>${e(r.answer)}</td></tr>`
		)
		.join('\n');
	const list = (items: string[]) =>
		`<ul>\n${items.map((i) => `<li>${e(i)}</li>`).join('\n')}\n</ul>`;
	return `<!doctype html>
<html lang="${e(m.lang)}" dir="${m.dir === 'rtl' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(m.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(m.heading)}</h1>
<p>${e(m.intro)}</p>
<table>
<caption>${e(m.ratingsCaption)}</caption>
<thead><tr>${m.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>${e(m.changedHeading)}</h2>
${list(m.changed)}
${m.focus.length > 0 ? `<h2>${e(m.focusHeading)}</h2>\n${list(m.focus)}` : ''}
<footer><p>${e(m.footer)}</p></footer>
</body>
</html>
`;
}
