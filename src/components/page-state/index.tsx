import { Text, View } from '@tarojs/components';

/*
 * The three states every page and list shows while it loads: waiting, failed, nothing there.
 * Their look is global (`.app-empty`, `.app-error` in app.scss) so the main package carries
 * it once rather than every subpackage a copy.
 */

export interface LoadingProps {
  /**
   * What is said while waiting.
   * @default '加载中…'
   */
  text?: string;
  /**
   * Classes for a block that styles its own waiting line instead of the page-wide look.
   * @default 'app-empty'
   */
  className?: string;
}

/** 加载中… in place of what is loading. */
export function Loading({ text = '加载中…', className = 'app-empty' }: LoadingProps) {
  return (
    <View className={className} role='status' data-state='loading'>
      {text}
    </View>
  );
}

export interface ErrorBannerProps {
  /** The Chinese message; nothing is rendered when null. */
  message: string | null | undefined;
  /**
   * The stable error code behind it, kept on the element for support and tests.
   * @default undefined
   */
  code?: string;
  /**
   * Offers 重试 when given.
   * @default undefined
   */
  onRetry?: () => void;
}

/** Why something failed, in a red banner, with 重试 when the page can try again. */
export function ErrorBanner({ message, code, onRetry }: ErrorBannerProps) {
  if (!message) return null;
  return (
    <View className='app-error' role='alert' data-code={code}>
      <Text>{message}</Text>
      {onRetry ? (
        <Text className='app-error__retry' onClick={onRetry}>
          重试
        </Text>
      ) : null}
    </View>
  );
}

export interface EmptyStateProps {
  /** What is said instead of an empty list. */
  text: string;
  /**
   * The list's block class: the element gets `<block> <block>--empty`, so each list keeps its own
   * spacing (a page-wide list, an inline inbox) while saying "nothing here" the same way.
   * @default 'app-empty' (the page-wide look, no modifier)
   */
  block?: string;
}

/** Nothing to show: one line in place of a list. */
export function EmptyState({ text, block }: EmptyStateProps) {
  return (
    <View className={block ? `${block} ${block}--empty` : 'app-empty'} data-state='empty'>
      {text}
    </View>
  );
}
