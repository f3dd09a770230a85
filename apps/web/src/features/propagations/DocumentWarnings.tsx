import { Alert } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { warningTexts } from './propagation-text.ts';

export type WarningsAnswer = Parameters<typeof warningTexts>[1];

/** What a save hands the propagation's page: the warnings it answered, to show there. */
export interface SavedState {
  saved: WarningsAnswer;
}

/**
 * What in a document will not do what it seems to, in the reader's language: a preview's warnings,
 * or (`saved`, with `onClose`) those the save answered, shown on the propagation's page after it.
 */
export function DocumentWarnings({
  answer,
  saved = false,
  onClose,
}: {
  answer: WarningsAnswer;
  saved?: boolean;
  onClose?: () => void;
}) {
  const words = useI18n();
  const texts = warningTexts(words, answer);
  if (!texts.length) return null;
  const count = texts.length;
  return (
    <Alert
      type="warning"
      showIcon
      title={
        saved
          ? words.t('propagations.savedWarnings', { count })
          : words.t('propagations.preview.warnings', { count })
      }
      data-testid={saved ? 'propagation-saved-warnings' : 'propagation-warnings'}
      {...(onClose ? { closable: true, onClose } : {})}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {texts.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      }
    />
  );
}
