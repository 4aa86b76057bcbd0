import { type MessageKey } from './en';
export type MessageValues = Record<string, string | number>;
export declare function t(key: MessageKey, values?: MessageValues): string;
export declare function formatTime(date: Date): string;
export declare function formatDateTime(date: Date): string;
export declare function formatDay(date: Date): string;
export declare function formatRelativeTo(date: Date, now: Date): string;
export declare function formatDuration(from: Date, to: Date): string;
export declare function formatNumber(value: number): string;
