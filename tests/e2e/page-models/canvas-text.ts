import type { Locator, Page } from '@playwright/test';

/** One piece of text a canvas drew in its latest frame, and whether a reader can read it. */
export type DrawnText = {
	text: string;
	/** Fully inside the canvas (nothing cut off at an edge). */
	inside: boolean;
	/** Drawn at an angle (rotated axis labels). */
	slanted: boolean;
	/** Squeezed narrower than its natural width (`fillText`'s maxWidth). */
	squeezed: boolean;
};

/**
 * Records every `fillText` of every canvas, with where the text lands, so a test can read
 * what a chart drew (tick numbers, axis names, legend) and check that it is all readable.
 * A canvas's record starts again when it is cleared whole (Chart.js clears before each
 * frame), so it holds the latest frame. Call before the first page load.
 */
export async function recordCanvasText(page: Page) {
	await page.addInitScript(() => {
		const frames = new WeakMap<HTMLCanvasElement, unknown[]>();
		const proto = CanvasRenderingContext2D.prototype;
		const { fillText, clearRect } = proto;
		proto.clearRect = function (x: number, y: number, w: number, h: number) {
			const m = this.getTransform();
			if (m.isIdentity && x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height)
				frames.set(this.canvas, []);
			return clearRect.call(this, x, y, w, h);
		};
		proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
			const value = String(text);
			const box = this.measureText(value);
			const natural = box.width;
			const squeezed = maxWidth !== undefined && natural > maxWidth + 0.5;
			const scale = squeezed ? maxWidth! / natural : 1;
			const left = x - box.actualBoundingBoxLeft * scale;
			const right = x + box.actualBoundingBoxRight * scale;
			const top = y - box.actualBoundingBoxAscent;
			const bottom = y + box.actualBoundingBoxDescent;
			const m = this.getTransform();
			const corners = [
				[left, top],
				[right, top],
				[left, bottom],
				[right, bottom]
			].map(([cx, cy]) => m.transformPoint(new DOMPoint(cx, cy)));
			const { width, height } = this.canvas;
			// One device pixel of slack for anti-aliasing.
			const inside = corners.every(
				(p) => p.x >= -1 && p.y >= -1 && p.x <= width + 1 && p.y <= height + 1
			);
			const slanted = Math.abs(m.b) > 1e-3 || Math.abs(m.c) > 1e-3;
			const list = frames.get(this.canvas) ?? [];
			list.push({ text: value, inside, slanted, squeezed });
			frames.set(this.canvas, list);
			return maxWidth === undefined
				? fillText.call(this, text, x, y)
				: fillText.call(this, text, x, y, maxWidth);
		};
		(window as unknown as { __drawnText: (c: HTMLCanvasElement) => unknown[] }).__drawnText = (
			canvas
		) => frames.get(canvas) ?? [];
	});
}

/** The text a canvas drew in its latest frame (see `recordCanvasText`). */
export function drawnText(canvas: Locator): Promise<DrawnText[]> {
	return canvas.evaluate((el: HTMLCanvasElement) =>
		(window as unknown as { __drawnText: (c: HTMLCanvasElement) => DrawnText[] }).__drawnText(el)
	);
}

/** The text of every canvas under `scope`, one list per canvas. */
export async function drawnTextOfAll(scope: Locator): Promise<DrawnText[][]> {
	const canvases = await scope.locator('canvas').all();
	return Promise.all(canvases.map(drawnText));
}
