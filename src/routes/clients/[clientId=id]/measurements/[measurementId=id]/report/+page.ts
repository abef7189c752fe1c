// The report shows the same measurement, previous measurement and plan as the measurement page.
export { load } from '../+page';
