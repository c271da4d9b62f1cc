/** A key fingerprint as it is read out by phone: eight groups of five digits, spaced. */
export function Fingerprint({ value, testId }: { value: string; testId: string }) {
  return (
    <div className="fingerprint" data-testid={testId}>
      {value.split(' ').map((group, i) => (
        <span key={i}>{group}</span>
      ))}
    </div>
  );
}
