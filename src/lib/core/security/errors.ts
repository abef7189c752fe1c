/** Security faults; each code is an i18n key under `common:security.errors.*`. */
export const SECURITY_FAULTS = [
	'wrong-secret',
	'damaged-keyring',
	'passphrase-too-short',
	'passphrase-too-long',
	'passphrase-mismatch',
	'locked',
	'too-many-attempts',
	'damaged-record'
] as const;
export type SecurityFault = (typeof SECURITY_FAULTS)[number];

export class SecurityError extends Error {
	readonly messageKey: string;
	constructor(readonly fault: SecurityFault) {
		super(fault);
		this.name = 'SecurityError';
		this.messageKey = `common:security.errors.${fault}`;
	}
}

export function isSecurityError(error: unknown): error is SecurityError {
	return error instanceof SecurityError;
}
