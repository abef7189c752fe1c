/**
 * The hash chain of a sealed backup (see `sealed-backup.ts`), on its own and free
 * of dependencies, so a worker can run it too.
 */

/**
 * Bytes kept free in front of every line the reader returns and every page the
 * writer makes, so the chain can put the previous hash there and digest
 * `h ‖ line` in place, without copying the line.
 */
export const CHAIN_ROOM = 32;

/**
 * The SHA-256 chain over a file's lines: h0 = SHA-256(line 1), then
 * h_i = SHA-256(h_{i-1} ‖ line i+1). Each step is awaited before the next line.
 */
export class BackupChain {
	#hash: Uint8Array<ArrayBuffer> | undefined;

	/** Adds one line's bytes (without the line feed), copying them. */
	async add(line: Uint8Array): Promise<void> {
		const previous = this.#hash;
		const input = new Uint8Array((previous?.length ?? 0) + line.length);
		if (previous) input.set(previous, 0);
		input.set(line, previous?.length ?? 0);
		this.#hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
	}

	/**
	 * Adds a line whose `CHAIN_ROOM` bytes just before it (in its buffer) are free
	 * to overwrite: the previous hash goes there and nothing is copied. The line's
	 * buffer must stay as it is until the returned promise settles.
	 */
	async addInPlace(line: Uint8Array): Promise<void> {
		const previous = this.#hash;
		if (previous && line.byteOffset < CHAIN_ROOM) return this.add(line);
		const input = previous
			? new Uint8Array(
					line.buffer as ArrayBuffer,
					line.byteOffset - CHAIN_ROOM,
					line.length + CHAIN_ROOM
				)
			: (line as Uint8Array<ArrayBuffer>);
		if (previous) input.set(previous, 0);
		this.#hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
	}

	/** The hash so far (32 bytes). */
	bytes(): Uint8Array<ArrayBuffer> {
		if (!this.#hash) throw new Error('empty chain');
		return this.#hash;
	}
}
