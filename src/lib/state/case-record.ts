import {
	caseRecordLines,
	renderText,
	type CaseRecordInput,
	type Measurement,
	type Profile
} from '$lib/core';
import { swedish } from './report-text';

/** "Anna Berg, Jobbtorget Väst" when this device's caseworker held the conversation, else undefined. */
export function caseworkerLabel(
	profile: Profile | undefined,
	measurement: Measurement
): string | undefined {
	if (!profile || profile.id !== measurement.caseworkerId) return undefined;
	return profile.unit ? `${profile.name}, ${profile.unit}` : profile.name;
}

/** The paste-ready, always-Swedish plain text for the case record. */
export function caseRecordText(input: CaseRecordInput): string {
	return renderText(caseRecordLines(input), swedish);
}
