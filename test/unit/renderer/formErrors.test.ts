import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { showWriteError } from '../../../renderer/ui/formErrors';
import { translate, type Translate } from '../../../renderer/i18n';

describe('a failed write, in the words of the form', () => {
  const t: Translate = (key, vars) => translate('zh', key, vars);

  it('a full disk says so and what to do, whether IndexedDB or Dexie raised it', () => {
    const raw = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const wrapped = new Dexie.AbortError('Transaction aborted', raw);
    for (const error of [raw, wrapped]) {
      expect(showWriteError(undefined, error, t)).toEqual(['磁盘空间不足，本次没有保存任何内容。请清理磁盘（例如删除不再需要的旧文件或旧备份）后再保存。']);
    }
  });

  it('anything else unforeseen still gets the generic message with its cause', () => {
    expect(showWriteError(undefined, new Error('boom'), t)).toEqual(['操作失败：boom']);
  });
});
