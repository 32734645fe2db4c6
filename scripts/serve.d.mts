import type { Server } from 'node:http';
export function startServer(options?: { dir?: string; port?: number; host?: string }): Promise<{ server: Server; url: string }>;
export function csp(styleHashes?: string[]): string;
export function inlineStyleHashes(html: string): string[];
