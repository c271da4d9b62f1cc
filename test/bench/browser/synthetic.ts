import { newRecord, type Actor } from '../../../renderer/db/repository';
import { deviceInput, type Device, type DeviceInput } from '../../../shared/domain/device';

/** The benchmarks' device register: plausible, varied, and the same on every run. */
export function syntheticDevice(n: number): DeviceInput {
  const hex = n.toString(16).padStart(6, '0');
  const offices = ['办公室', '信息科', '秘书科', '财务科', '人事科', '档案室', '法制科', '督查室'];
  const surnames = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  return {
    ip: `10.${Math.floor(n / 254 / 256) % 256}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`,
    mac: `02-5A-${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}-${(n % 251).toString(16).padStart(2, '0')}`,
    owner: `${surnames[n % 10]}${['明', '芳', '伟', '静', '强', '娟'][n % 6]}${n % 97}`,
    office: offices[n % offices.length]!,
    location: `${(n % 9) + 1} 楼 ${(n % 40) + 1} 室`,
    kind: n % 13 === 0 ? 'printer' : n % 7 === 0 ? 'laptop' : 'desktop',
    status: n % 17 === 0 ? 'spare' : 'inUse',
    dedicatedConfirmed: true,
    internetCapable: n % 50 === 0,
    isolationCard: n % 100 === 0,
    note: '',
  };
}

/** A device as the register stores it, validated, without going through the repository. */
export function storedDevice(actor: Actor, input: DeviceInput, at = Date.now()): Device {
  return { ...newRecord(actor, deviceInput.parse(input), at), configCleared: null, configClearedBy: null, configClearedAt: null };
}
