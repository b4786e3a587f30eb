/** A worker thread of check-in-parallel.ts. */
import { checkShardForParent } from './check-in-parallel.js';

checkShardForParent();
