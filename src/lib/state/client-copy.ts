import {
	clientCopyHtml,
	clientOnlySummary,
	directionOf,
	radarIndicators,
	renderLine,
	scaleOf,
	type Catalogue,
	type Measurement,
	type MeasurementComparison
} from '$lib/core';
import { formatDate, formatNumber, loadLanguage, translate } from '$lib/i18n/i18n';
import { rendererFor } from './report-text';

/**
 * The client's own copy: their answers (and what changed in them) in their own
 * language and register, as a self-contained HTML file. No caseworker ratings,
 * no belief, no note.
 */
export async function clientCopyBlob(
	measurement: Measurement,
	catalogue: Catalogue,
	comparison: MeasurementComparison
): Promise<Blob> {
	const lng = measurement.language;
	await loadLanguage(lng);
	const easy = measurement.register === 'easy';
	const r = rendererFor(lng, { easy });
	const t = (key: string, values: Record<string, string | number> = {}) => r.t(key, values);
	const rows = radarIndicators(catalogue).map((indicator) => {
		const item = catalogue.items.find(
			(i) => i.indicatorId === indicator.id && i.respondent === 'client'
		);
		const raw = item ? measurement.clientAnswers[item.id] : undefined;
		let value = '–';
		let answer = t('conversation:answers.notAnswered');
		if (typeof raw === 'number' && item) {
			value = formatNumber(raw, lng);
			const step = scaleOf(catalogue, item).steps.find((s) => s.value === raw);
			answer = step ? t(step.labelKey) : value;
		} else if (raw === 'dont-understand') answer = t('conversation:answers.dontUnderstandShort');
		else if (raw === 'declined') answer = t('conversation:answers.declinedShort');
		return { indicator: t(indicator.labelKey), value, answer };
	});
	const html = clientCopyHtml({
		lang: lng,
		dir: directionOf(lng),
		title: t('exchange:clientCopy.title'),
		heading: t('exchange:clientCopy.heading', { date: formatDate(measurement.takenOn, lng) }),
		intro: t('exchange:clientCopy.intro'),
		ratingsCaption: t('exchange:clientCopy.caption'),
		columns: [
			t('exchange:clientCopy.indicator'),
			t('exchange:clientCopy.value'),
			t('exchange:clientCopy.answer')
		],
		rows,
		changedHeading: t('exchange:clientCopy.changed'),
		changed: clientOnlySummary(comparison).map((line) => renderLine(line, r)),
		focusHeading: t('exchange:clientCopy.focus'),
		focus: measurement.focusIndicators.map((f) =>
			translate(`catalogue:indicators.${f}.label`, { lng })
		),
		footer: t('exchange:clientCopy.footer')
	});
	return new Blob([html], { type: 'text/html;charset=utf-8' });
}
