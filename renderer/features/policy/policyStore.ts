import { create } from 'zustand';
import type { IpRange } from '../../../shared/rules/ipRanges';
import { appliedPolicy, assignedRanges, type AppliedPolicy } from '../../db/policy';
import { db } from '../../state/db';

interface PolicyState {
  unitId: string | null;
  policy: AppliedPolicy | null;
  ranges: IpRange[];
  load: (unitId: string) => Promise<void>;
}

/** The latest policy this unit took in, and the address ranges it assigns: read by the device register. */
export const usePolicy = create<PolicyState>((set) => ({
  unitId: null,
  policy: null,
  ranges: [],
  load: async (unitId) => {
    const policy = await appliedPolicy(db, unitId);
    set({ unitId, policy, ranges: assignedRanges(policy) });
  },
}));
