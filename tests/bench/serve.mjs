/**
 * The bench's static server: the built app and the harness, as `sirv-cli --single 200.html`
 * serves them (precompressed files included), plus the two headers that make the pages
 * cross-origin isolated. Isolated pages get a 5 µs `performance.now()` instead of 100 µs,
 * which the save figures (half a millisecond each) need.
 * Usage: node tests/bench/serve.mjs <dir> <port>
 */
import { createServer } from 'node:http';
import sirv from 'sirv';

const [dir, port] = process.argv.slice(2);
const serve = sirv(dir, {
	single: '200.html',
	gzip: true,
	brotli: true,
	setHeaders(res) {
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
		res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
	}
});
createServer(serve).listen(Number(port), '127.0.0.1');
