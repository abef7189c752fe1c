import { GENDERS, type Gender } from '../client/client';

/** A cell describing fewer persons than this is never shown. */
export const MIN_GROUP_SIZE = 5;

/** Columns of every team table: everyone, then one per gender (including "not stated"). */
export const STAT_GROUPS = ['total', ...GENDERS] as const;
export type StatGroup = (typeof STAT_GROUPS)[number];

/** A computed cell before protection: its value and how many persons it describes. */
export type RawCell = {
	value: number | null;
	persons: number;
	/** Persons on each side of a share (improving / not improving), when the cell is a share. */
	split?: [number, number];
};

export type ProtectedCell =
	| { status: 'shown'; value: number }
	| { status: 'empty' }
	| { status: 'suppressed'; reason: 'small' | 'complementary' };

function isSmall(cell: RawCell): boolean {
	if (cell.persons < MIN_GROUP_SIZE) return true;
	// A share also describes the persons on either side of it.
	return !!cell.split && cell.split.some((n) => n > 0 && n < MIN_GROUP_SIZE);
}

/**
 * Protects one table row: the total and its gender parts (the parts add up to the
 * total). Primary suppression hides every cell describing fewer than
 * MIN_GROUP_SIZE persons. Complementary suppression then makes sure no hidden
 * part can be worked out as the total minus the shown parts: while exactly one
 * part is hidden, the smallest shown part is hidden too (or, when there is none,
 * the total). Cells describing nobody are shown as empty: a known zero.
 */
export function protectRow(cells: Record<StatGroup, RawCell>): Record<StatGroup, ProtectedCell> {
	const out = {} as Record<StatGroup, ProtectedCell>;
	for (const g of STAT_GROUPS) {
		const cell = cells[g];
		if (cell.persons === 0 || cell.value === null) out[g] = { status: 'empty' };
		else if (isSmall(cell)) out[g] = { status: 'suppressed', reason: 'small' };
		else out[g] = { status: 'shown', value: cell.value };
	}
	const parts: readonly Gender[] = GENDERS;
	for (;;) {
		if (out.total.status !== 'shown') break;
		const hidden = parts.filter((g) => out[g].status === 'suppressed');
		if (hidden.length !== 1) break;
		const shown = parts
			.filter((g) => out[g].status === 'shown')
			.sort((a, b) => cells[a].persons - cells[b].persons);
		if (shown.length > 0) out[shown[0]] = { status: 'suppressed', reason: 'complementary' };
		else out.total = { status: 'suppressed', reason: 'complementary' };
	}
	return out;
}
