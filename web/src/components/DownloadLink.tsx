/**
 * A link to a file of the API (template, export): a real link (keyboard, open in a new tab,
 * copy the address), fetched on click so that a refusal is said next to it, in the reader's
 * language, rather than downloaded as a file of JSON.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { apiFile, ApiError } from '../api.ts';
import { currentLocale, tx } from '../i18n.ts';

export function DownloadLink({ href, children, label }: { href: string; children: ComponentChildren; label?: string }) {
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const click = async (event: MouseEvent) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (state.busy) return;
    setState({ busy: true });
    try {
      const { blob, name } = await apiFile(href);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = name;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({});
    } catch (error) {
      setState({
        error: error instanceof ApiError ? error.text(currentLocale()) : tx('Không tải được tệp; hãy thử lại.', 'The file could not be downloaded; try again.'),
      });
    }
  };
  return (
    <span class="download">
      <a href={href} download onClick={click} aria-busy={state.busy} aria-label={label}>
        {children}
      </a>
      {state.error && (
        <span class="field-error" role="alert">
          {state.error}
        </span>
      )}
    </span>
  );
}
