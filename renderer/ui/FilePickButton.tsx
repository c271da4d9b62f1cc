import { useRef, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';

type Pick = { multiple?: false; onFile: (file: File) => void } | { multiple: true; onFiles: (files: File[]) => void };

/**
 * A button that opens the file chooser and hands over what was picked: one
 * file, or (multiple) all of them. The input stays in the page (hidden), so
 * tests can set files on it.
 */
export function FilePickButton(props: { accept: string; testId: string; children: ReactNode } & Pick & Omit<ButtonProps, 'onClick' | 'children'>) {
  const input = useRef<HTMLInputElement>(null);
  const { accept, testId, children, multiple, ...rest } = props;
  // What is left after the picker's own props goes to the button.
  const { onFile: _one, onFiles: _many, ...button } = rest as typeof rest & { onFile?: unknown; onFiles?: unknown };
  return (
    <>
      <Button {...button} onClick={() => input.current?.click()}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          if (props.multiple) props.onFiles(files);
          else props.onFile(files[0]!);
        }}
      />
    </>
  );
}
