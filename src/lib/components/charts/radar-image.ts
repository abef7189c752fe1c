import type { RadarData } from '$lib/core';
import { appFontFamily, Chart, type ChartConfiguration, type Plugin } from './chart-setup';

export type RadarImageSeries = { label: string; color: string; dash: number[]; point: string };

export const RADAR_IMAGE_WIDTH = 1600;
export const RADAR_IMAGE_HEIGHT = 1200;

/**
 * Draws a radar chart off-screen at a fixed 1600×1200 on white, with a title and
 * a legend, and returns it as a PNG (a canvas PNG carries no metadata). For the
 * case record: it must read on its own, without the app around it.
 */
export async function radarPng(
	data: RadarData,
	axisLabels: string[],
	series: RadarImageSeries[],
	title: string
): Promise<Blob> {
	const canvas = document.createElement('canvas');
	canvas.width = RADAR_IMAGE_WIDTH;
	canvas.height = RADAR_IMAGE_HEIGHT;
	// Attached (but off-screen) so Chart.js can measure it; removed again below.
	canvas.style.cssText = `position:fixed;inset-inline-start:-20000px;inset-block-start:0;inline-size:${RADAR_IMAGE_WIDTH}px;block-size:${RADAR_IMAGE_HEIGHT}px;`;
	canvas.setAttribute('aria-hidden', 'true');
	document.body.append(canvas);
	const background: Plugin<'radar'> = {
		id: 'framstegWhiteTitle',
		beforeDraw(chart) {
			const { ctx, width, height } = chart;
			ctx.save();
			ctx.fillStyle = '#ffffff';
			ctx.fillRect(0, 0, width, height);
			ctx.fillStyle = '#1b1f24';
			ctx.font = `600 40px ${appFontFamily()}`;
			ctx.textAlign = 'center';
			ctx.fillText(title, width / 2, 60);
			ctx.restore();
		}
	};
	const step = data.max - data.min <= 1 ? 0.25 : 1;
	const config: ChartConfiguration<'radar'> = {
		type: 'radar',
		data: {
			labels: axisLabels,
			datasets: data.series.map((s, i) => ({
				label: series[i]?.label ?? '',
				data: s.values.map((v) => v ?? Number.NaN),
				borderColor: series[i]?.color,
				backgroundColor: 'transparent',
				borderDash: series[i]?.dash.map((d) => d * 2),
				borderWidth: 5,
				pointStyle: series[i]?.point as 'circle',
				pointRadius: 9,
				pointBackgroundColor: series[i]?.color,
				spanGaps: false
			}))
		},
		options: {
			animation: false,
			responsive: false,
			devicePixelRatio: 1,
			layout: { padding: { top: 100, bottom: 20, left: 40, right: 40 } },
			scales: {
				r: {
					min: data.min - step,
					max: data.max,
					ticks: {
						stepSize: step,
						// Above the series, on a white ground, so no point hides a step number.
						z: 1,
						backdropColor: 'rgba(255, 255, 255, 0.85)',
						color: '#374151',
						font: { size: 24 },
						callback: (value) => (Number(value) < data.min ? '' : String(value))
					},
					pointLabels: { font: { size: 30 }, color: '#1b1f24' },
					grid: { color: '#c7ccd4', lineWidth: 2 },
					angleLines: { color: '#c7ccd4', lineWidth: 2 }
				}
			},
			plugins: {
				legend: {
					position: 'bottom',
					labels: { usePointStyle: true, color: '#1b1f24', font: { size: 30 }, padding: 30 }
				},
				tooltip: { enabled: false }
			}
		},
		plugins: [background]
	};
	// Fonts the page is still fetching (a bundled face) are waited for: the image is drawn once.
	await document.fonts?.ready;
	const chart = new Chart(canvas, config);
	try {
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/png')
		);
	} finally {
		chart.destroy();
		canvas.remove();
	}
}
