import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { packPolicy, policyBytes, policySchema, POLICY_FORMAT, type Policy } from '../../../shared/bundle/policy';
import { CRYPTO_SUITES, DEFAULT_SUITE, digest, type CryptoSuite } from '../../../shared/bundle/suites';
import { isoDay } from '../../../shared/calendar/calendar';
import { parseRange } from '../../../shared/rules/ipRanges';
import { loadCalendar, loadSchedule } from '../../db/checkins';
import { createLedgerRecords } from '../../db/ledgers';
import { directoryOf, loadAttachmentsChoice, loadRangeDraft, saveAttachmentsChoice, saveRangeDraft, splitRanges, type KnownUnit } from '../../db/policyIssue';
import { db } from '../../state/db';
import { download } from '../../ui/files';
import { toBase64 } from '../../../shared/encoding/base64';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { useActor, useSession } from '../../state/session';
import type { KeyStatus } from '../bundles/UnitKeyCard';
import { keyFailureText } from '../bundles/unitKeyActions';
import { Fingerprint } from '../../ui/Fingerprint';
import { officeRubrics } from '../../db/rubrics';
import { officeEvaluation, publishedResultsOf } from '../../db/evaluationOffice';
import type { Rubric } from '../../../shared/evaluation/rubric';
import type { YearCalendar } from '../../../shared/calendar/calendar';
import { YearCalendarEditor } from '../calendar/YearCalendarEditor';
import { SealKeyCard, type SealKeyStatus } from './SealKeyCard';
import type { Checkpoint } from '../../../shared/bundle/checkpoint';
import { PgProblem, PgSourceTag, problemText, useConsoleSource } from '../console/useConsoleSource';
import { MAX_BUNDLE_ATTACHMENT_BYTES } from '../../../shared/bundle/attachedFiles';

/** Years for a one-line record: a list when short, a span when long (the copy filing's description is capped). */
const yearsText = (years: number[]) => (years.length === 0 ? '—' : years.length <= 3 ? years.join('、') : `${Math.min(...years)}–${Math.max(...years)}`);

/** The office signs a policy for the units: calendar years, working hours, each unit's address ranges, the directory. */
export function PolicyIssuePage() {
  const t = useT();
  const actor = useActor();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const [key, setKey] = useState<KeyStatus | null | undefined>(undefined);
  const [units, setUnits] = useState<KnownUnit[]>([]);
  const [years, setYears] = useState<number[]>([]);
  const [calendarYears, setCalendarYears] = useState<YearCalendar[]>([]);
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<number[]>([]);
  const [withSchedule, setWithSchedule] = useState(true);
  const [suites, setSuites] = useState<CryptoSuite[]>([DEFAULT_SUITE]);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [password, setPassword] = useState('');
  // Asked for only when main says this account has no way into the key yet.
  const [grant, setGrant] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string }>();
  const [rubrics, setRubrics] = useState<Rubric[]>([]);
  const [chosenRubrics, setChosenRubrics] = useState<string[]>([]);
  const [resultsYear, setResultsYear] = useState<number | null>(null);
  const [sealKeys, setSealKeys] = useState<SealKeyStatus[]>([]);
  const [checkpoints, setCheckpoints] = useState<Checkpoint[]>([]);
  const [sendAttachments, setSendAttachments] = useState(false);
  // What the office received (known units, checkpoints, the units' years the results are scored from) comes from the console's store: this PC's or the server.
  const source = useConsoleSource();
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    if (!unit || !source) return;
    setProblem(null);
    source.knownUnits(unit.id).then(setUnits, setProblem);
    source.checkpoints().then(setCheckpoints, setProblem);
  }, [unit, source]);

  useEffect(() => {
    if (!unit) return;
    void invoke('unitKey:status', { unitId: unit.id }).then((r) => setKey(r.key));
    void invoke('sealKey:list', { unitId: unit.id }).then((r) => setSealKeys(r.keys));
    void loadRangeDraft(db).then(setDraft);
    void loadAttachmentsChoice(db).then(setSendAttachments);
    void officeRubrics(db).then((list) => {
      setRubrics(list);
      const now = new Date().getFullYear();
      setChosenRubrics(list.filter((r) => r.year >= now).map((r) => `${r.group}/${r.year}`));
    });
    void loadCalendar(db, unit.id).then(({ years: ys }) => {
      const list = ys.map((y) => y.year);
      setCalendarYears(ys);
      setYears(list);
      const now = new Date().getFullYear();
      setChosen(list.filter((y) => y >= now));
    });
  }, [unit]);

  const badRanges = useMemo(() => Object.fromEntries(Object.entries(draft).map(([code, text]) => [code, splitRanges(text).filter((r) => !parseRange(r).ok)])), [draft]);
  const anyBad = Object.values(badRanges).some((b) => b.length > 0);

  const setRanges = (code: string, text: string) => {
    const next = { ...draft, [code]: text };
    setDraft(next);
    void saveRangeDraft(db, next);
  };

  if (!unit || !account) return null;

  const calendarSaved = async (year: number) => {
    const { years: ys } = await loadCalendar(db, unit.id);
    setCalendarYears(ys);
    setYears(ys.map((y) => y.year));
    setChosen((c) => (c.includes(year) ? c : [...c, year]));
    setEditing(false);
  };

  const sign = async () => {
    if (!key || !source) return;
    setBusy(true);
    setResult(undefined);
    try {
      const { years: calendars } = await loadCalendar(db, unit.id);
      const { schedule } = await loadSchedule(db, unit.id);
      const policy: Policy = {
        format: POLICY_FORMAT,
        issuer: { unitId: unit.id, name: unit.name, code: unit.code, suite: key.suite, publicKey: key.publicKey, keyId: key.keyId },
        issuedAt: Date.now(),
        acceptedSuites: suites,
        calendar: calendars.filter((y) => chosen.includes(y.year)).map((y) => ({ ...y, source: y.source === 'bundled' ? unit.name : y.source })),
        schedule: withSchedule ? schedule : null,
        ipRanges: units.flatMap((u) => {
          const ranges = splitRanges(draft[u.unitCode] ?? '').map((r) => (parseRange(r) as { ok: true; value: { text: string } }).value.text);
          return ranges.length > 0 ? [{ unitCode: u.unitCode, unitName: u.unitName, ranges }] : [];
        }),
        directory: directoryOf(units),
        // Read again at signing: a bundle taken in since the page opened is part of what the office holds.
        checkpoints: await source.checkpoints(),
        ...(sealKeys.length > 0 ? { sealKeys: sealKeys.map((k) => ({ suite: k.suite, publicKey: k.publicKey, keyId: k.keyId, createdAt: k.createdAt })) } : {}),
        ...(sendAttachments ? { sendAttachments: true } : {}),
        ...(chosenRubrics.length > 0 ? { rubrics: rubrics.filter((r) => chosenRubrics.includes(`${r.group}/${r.year}`)) } : {}),
      };
      if (resultsYear !== null) policy.results = publishedResultsOf(await officeEvaluation(db, source, unit.id, resultsYear), resultsYear);
      const checked = policySchema.safeParse(policy);
      if (!checked.success) return setResult({ type: 'error', text: t('err.generic', { message: checked.error.issues[0]?.path.join('.') ?? '' }) });
      const bytes = policyBytes(checked.data);
      const signed = await invoke('bundle:sign', { unitId: unit.id, accountId: account.id, password, ...(grant ? { grant } : {}), manifest: toBase64(bytes) });
      if (!signed.ok) {
        if (signed.code === 'needGrant' && grant === undefined) setGrant('');
        return setResult({ type: 'error', text: t(keyFailureText(signed.code)) });
      }
      setGrant(undefined);
      const file = packPolicy(bytes, signed.signature);
      const fileName = `zwledger-policy-${unit.code}-${dayjs(policy.issuedAt).format('YYYYMMDD-HHmm')}.zwp`;
      download(fileName, file);
      await createLedgerRecords(db, actor, 'copyFilings', [
        {
          copiedOn: isoDay(new Date()),
          content: 'configuration',
          description: t('issue.filingDescription', { file: fileName, years: yearsText(policy.calendar.map((y) => y.year)), units: policy.ipRanges.length, hash: digest(key.suite, file) }),
          purpose: t('issue.filingPurpose'),
          copiedBy: account.displayName,
          approvalRef: '',
          automatic: true,
        },
      ]);
      setPassword('');
      setResult({ type: 'success', text: t('issue.done', { file: fileName }) });
    } catch (e) {
      setResult({ type: 'error', text: t('err.generic', { message: problemText(t, e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHead title={t('issue.title')} rule={t('issue.rule')} actions={<PgSourceTag />} />
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1080 }}>
        <PgProblem error={problem} />
        {key === null && <Alert type="warning" showIcon message={t('issue.noKey')} />}
        {key && (
          <Card size="small" title={t('issue.fingerprint')}>
            <Fingerprint value={key.fingerprint} testId="issuer-fingerprint" />
          </Card>
        )}
        {key && <SealKeyCard unitId={unit.id} accountId={account.id} suite={key.suite} password={password} grant={grant} keys={sealKeys} onKeys={setSealKeys} onNeedGrant={() => grant === undefined && setGrant('')} />}
        <Card
          size="small"
          title={t('issue.calendar')}
          extra={
            <Button size="small" onClick={() => setEditing(true)}>
              {t('caledit.open')}
            </Button>
          }
        >
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('issue.calendarHelp')}</Typography.Text>
            <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as number[])} options={years.map((y) => ({ value: y, label: String(y) }))} />
            <Checkbox checked={withSchedule} onChange={(e) => setWithSchedule(e.target.checked)}>
              {t('issue.schedule')}
            </Checkbox>
          </Space>
        </Card>
        <Card size="small" title={t('issue.rubrics')}>
          <Space orientation="vertical">
            <Typography.Text type="secondary">{rubrics.length > 0 ? t('issue.rubricsHelp') : t('issue.noRubrics')}</Typography.Text>
            <Checkbox.Group
              value={chosenRubrics}
              onChange={(v) => setChosenRubrics(v as string[])}
              options={rubrics.map((r) => ({ value: `${r.group}/${r.year}`, label: t('issue.rubricOption', { year: r.year, group: t(`notice.group.${r.group}`), version: r.version }) }))}
            />
          </Space>
        </Card>
        <Card size="small" title={t('issue.results')}>
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('issue.resultsHelp')}</Typography.Text>
            <Space wrap>
              {[new Date().getFullYear(), new Date().getFullYear() - 1].map((y) => (
                <Checkbox key={y} checked={resultsYear === y} onChange={(e) => setResultsYear(e.target.checked ? y : null)}>
                  {t('issue.resultsYear', { year: y })}
                </Checkbox>
              ))}
            </Space>
          </Space>
        </Card>
        <Card size="small" title={t('attachBundle.card')}>
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('attachBundle.help', { cap: MAX_BUNDLE_ATTACHMENT_BYTES / 1024 / 1024 })}</Typography.Text>
            <Checkbox
              checked={sendAttachments}
              onChange={(e) => {
                setSendAttachments(e.target.checked);
                void saveAttachmentsChoice(db, e.target.checked);
              }}
            >
              {t('attachBundle.require')}
            </Checkbox>
          </Space>
        </Card>
        <Card size="small" title={t('issue.suites')}>
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('issue.suitesHelp')}</Typography.Text>
            <Checkbox.Group value={suites} onChange={(v) => setSuites(v as CryptoSuite[])} options={CRYPTO_SUITES.map((x) => ({ value: x, label: t(`key.suite.${x}`) }))} />
          </Space>
        </Card>
        <Card size="small" title={t('issue.ranges')} extra={<span className="muted">{t('issue.directory', { n: directoryOf(units).length })}</span>}>
          <Typography.Paragraph type="secondary">{t('issue.rangesHelp')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" data-testid="issue-checkpoints">
            {t('checkpoint.issue.note', { n: checkpoints.length })}
          </Typography.Paragraph>
          <Table<KnownUnit>
            size="small"
            rowKey="unitId"
            dataSource={units}
            pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
            locale={{ emptyText: t('issue.noUnits') }}
            columns={[
              { title: t('issue.code'), dataIndex: 'unitCode', width: 110 },
              { title: t('issue.unit'), dataIndex: 'unitName', width: 220 },
              {
                title: t('issue.rangeCol'),
                key: 'ranges',
                render: (_, u) => (
                  <>
                    <Input value={draft[u.unitCode] ?? ''} onChange={(e) => setRanges(u.unitCode, e.target.value)} status={(badRanges[u.unitCode] ?? []).length > 0 ? 'error' : undefined} aria-label={`${u.unitName} ${t('issue.rangeCol')}`} placeholder="10.20.1.0/24" />
                    {(badRanges[u.unitCode] ?? []).map((r) => (
                      <div key={r} className="field-error">
                        {t('issue.badRange', { range: r })}
                      </div>
                    ))}
                  </>
                ),
              },
            ]}
          />
        </Card>
        <Space wrap>
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} placeholder={t('issue.passwordHelp')} aria-label={t('issue.password')} style={{ width: 420 }} />
          {grant !== undefined && <Input.Password value={grant} onChange={(e) => setGrant(e.target.value)} placeholder={t('issue.grant')} aria-label={t('issue.grant')} style={{ width: 420 }} />}
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} disabled={!key || !source || problem !== null || anyBad || password === '' || suites.length === 0} onClick={() => void sign()}>
            {t('issue.sign')}
          </Button>
        </Space>
        {result && <Alert type={result.type} showIcon message={result.text} data-testid="issue-result" />}
      </Space>
      <YearCalendarEditor t={t} open={editing} years={calendarYears} source={unit.name} onClose={() => setEditing(false)} onSaved={(year) => void calendarSaved(year)} />
    </div>
  );
}
