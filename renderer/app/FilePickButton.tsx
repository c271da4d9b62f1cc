import { useRef, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';

/**
 * A button that opens the file chooser and hands over the one file picked.
 * The input stays in the page (hidden), so tests can set files on it.
 */
export function FilePickButton({ accept, onFile, testId, children, ...button }: { accept: string; onFile: (file: File) => void; testId: string; children: ReactNode } & Omit<ButtonProps, 'onClick' | 'children'>) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button {...button} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
