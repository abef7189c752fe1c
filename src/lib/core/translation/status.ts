import { z } from '../zod';
import { isoDateSchema } from '../time';

/** How far a translated string has come: a machine draft until a named person reviews it. */
export const TRANSLATION_STATUSES = ['machine', 'reviewed', 'approved'] as const;
export const translationStatusSchema = z.enum(TRANSLATION_STATUSES);
export type TranslationStatus = z.infer<typeof translationStatusSchema>;

/** One entry of `locales/<lang>/meta/<ns>.json`. */
export const translationMetaEntrySchema = z.object({
	status: translationStatusSchema,
	/** The Swedish text this translation was made from. */
	source: z.string(),
	translator: z.string().max(200).optional(),
	qualification: z.string().max(200).optional(),
	reviewer: z.string().max(200).nullable().optional(),
	date: isoDateSchema.optional()
});
export type TranslationMetaEntry = z.infer<typeof translationMetaEntrySchema>;

export const translationMetaSchema = z.record(z.string(), translationMetaEntrySchema);
export type TranslationMeta = z.infer<typeof translationMetaSchema>;

export type EffectiveStatus = {
	status: TranslationStatus;
	isSourceChanged: boolean;
	isUntracked: boolean;
};

/**
 * The status a string really has now. If the Swedish source changed since the
 * translation was made, it counts as a machine draft again, whatever it was.
 */
export function effectiveStatus(
	entry: TranslationMetaEntry | undefined,
	currentSource: string
): EffectiveStatus {
	if (!entry) return { status: 'machine', isSourceChanged: false, isUntracked: true };
	if (entry.source !== currentSource)
		return { status: 'machine', isSourceChanged: true, isUntracked: false };
	return { status: entry.status, isSourceChanged: false, isUntracked: false };
}

/** True when any of the statuses is below "reviewed" (a client screen then shows a notice). */
export function hasUnreviewed(statuses: Iterable<EffectiveStatus>): boolean {
	for (const s of statuses) if (s.status === 'machine') return true;
	return false;
}

export type StatusCounts = Record<TranslationStatus, number> & { stale: number };

export function countStatuses(statuses: Iterable<EffectiveStatus>): StatusCounts {
	const counts: StatusCounts = { machine: 0, reviewed: 0, approved: 0, stale: 0 };
	for (const s of statuses) {
		counts[s.status]++;
		if (s.isSourceChanged) counts.stale++;
	}
	return counts;
}
