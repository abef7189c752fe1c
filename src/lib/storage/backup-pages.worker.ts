import { BackupChain } from '$lib/core/exchange/backup-chain';

/**
 * The backup's page sink, off the main thread: takes each line of a sealed backup
 * (its buffer transferred, nothing copied), hashes it into the chain in place,
 * copies it into a Blob and hands the buffer back for the next page. At the end
 * it answers with the chain's hash and one Blob of every line. Both SHA-256 and
 * making a Blob cost main-thread time in the browser; here they cost none.
 *
 * Messages in: `{ kind: 'line', buffer, start, end }` (a line without its line
 * feed, with the chain's free room before `start`), `{ kind: 'end' }`.
 * Messages out: `{ kind: 'free', buffer }`, `{ kind: 'done', hash, blob }`,
 * `{ kind: 'error', message }`.
 */
type LineMessage = { kind: 'line'; buffer: ArrayBuffer; start: number; end: number };
type EndMessage = { kind: 'end' };

/** The worker's global scope, as far as it is used here (the DOM typings are the project's). */
const scope = self as unknown as {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent<LineMessage | EndMessage>) => void) | null;
};
const NEWLINE = new Uint8Array([0x0a]);
const chain = new BackupChain();
const parts: Blob[] = [];
let queue: Promise<void> = Promise.resolve();
let failed = false;

async function handle(message: LineMessage | EndMessage): Promise<void> {
	if (failed) return;
	if (message.kind === 'line') {
		const line = new Uint8Array(message.buffer, message.start, message.end - message.start);
		parts.push(new Blob([line, NEWLINE]));
		await chain.addInPlace(line);
		scope.postMessage({ kind: 'free', buffer: message.buffer }, [message.buffer]);
		return;
	}
	const hash = chain.bytes();
	scope.postMessage({ kind: 'done', hash, blob: new Blob(parts) });
}

scope.onmessage = (event: MessageEvent<LineMessage | EndMessage>) => {
	// One line after the other: the chain is a sequence.
	queue = queue
		.then(() => handle(event.data))
		.catch((error: unknown) => {
			failed = true;
			scope.postMessage({ kind: 'error', message: String(error) });
		});
};
