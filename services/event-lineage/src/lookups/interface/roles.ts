import { Role } from '@civil/platform';

/** Who reads the lineage (分析员, 运维), and who also replays dead letters. */
export const READERS: Role[] = ['analyst', 'operator', 'admin', 'national-admin'];
export const OPERATORS: Role[] = ['operator', 'admin', 'national-admin'];
