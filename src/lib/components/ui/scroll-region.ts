import type { Attachment } from 'svelte/attachments';

let nextId = 0;

/**
 * For a wrapper that lets a wide table scroll sideways on a narrow screen. While
 * the table does not fit, the wrapper is a named, focusable region, so a keyboard
 * user can reach it and scroll it with the arrow keys (WCAG 2.1.1), and screen
 * readers hear what it holds (the table's caption). While it fits, it is a plain
 * box and no extra tab stop. The visible cue is the `.scroll-x` shadow in app.css.
 */
export const scrollRegion: Attachment<HTMLElement> = (wrapper) => {
	const update = () => {
		const caption = wrapper.querySelector('caption');
		if (caption && !caption.id) caption.id = `scroll-region-caption-${++nextId}`;
		if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
			wrapper.tabIndex = 0;
			wrapper.setAttribute('role', 'region');
			if (caption) wrapper.setAttribute('aria-labelledby', caption.id);
		} else {
			wrapper.removeAttribute('tabindex');
			wrapper.removeAttribute('role');
			wrapper.removeAttribute('aria-labelledby');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(wrapper);
	for (const child of wrapper.children) observer.observe(child);
	update();
	return () => observer.disconnect();
};
