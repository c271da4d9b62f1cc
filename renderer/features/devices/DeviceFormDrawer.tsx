import { memo, useState } from 'react';
import type { Device, DeviceInput } from '../../../shared/domain/device';
import { createDevice, updateDevice } from '../../db/devices';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { RecordFormDrawer } from '../ledgers/RecordFormDrawer';
import { useLedgerContext } from '../ledgers/useLedgerContext';
import { DEVICE_FORM_FIELDS, deviceFormInput } from './deviceForm';
import { useDevices } from './deviceStore';

type Props = { open: boolean; device: Device | undefined; onClose: () => void; /** A new device's address, chosen on the address plan. */ presetIp?: string };

/**
 * Add or edit one device. A conflicting IP or MAC is named beside the field
 * and nothing is saved. Mounted from the first time it opens: the ledger
 * context walks all the unit's devices, which the register's first paint of
 * 50,000 of them need not wait for.
 */
export const DeviceFormDrawer = memo(function DeviceFormDrawer(props: Props) {
  const [used, setUsed] = useState(false);
  if (props.open && !used) setUsed(true);
  return used || props.open ? <DeviceForm {...props} /> : null;
});

function DeviceForm({ open, device, onClose, presetIp }: Props) {
  const actor = useActor();
  const upsert = useDevices((s) => s.upsert);
  const ctx = useLedgerContext();
  if (!ctx) return null;

  const save = async (input: Record<string, unknown>) => {
    const next = input as DeviceInput;
    upsert(device ? await updateDevice(db, actor, device.id, device.rev, next) : await createDevice(db, actor, next));
  };

  return (
    <RecordFormDrawer
      open={open}
      onClose={onClose}
      title={ctx.t(device ? 'device.edit' : 'device.add')}
      size={560}
      fields={DEVICE_FORM_FIELDS}
      ctx={ctx}
      input={() => deviceFormInput(device, presetIp)}
      record={device}
      save={save}
      saved="device.saved"
      validateTrigger="onBlur"
    />
  );
}
