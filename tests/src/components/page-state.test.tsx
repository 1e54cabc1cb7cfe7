import { fireEvent, render, screen } from '@testing-library/react';
import { EmptyState, ErrorBanner, Loading } from '../../../src/components/page-state';

describe('page states', () => {
  test('Loading says 加载中… in the page-wide look, or another text in a block’s own class', () => {
    const { container, rerender } = render(<Loading />);
    expect(screen.getByRole('status')).toHaveTextContent('加载中…');
    expect(container.firstElementChild).toHaveClass('app-empty');
    rerender(<Loading text='正在读取样例…' className='issue-examples__empty' />);
    expect(screen.getByRole('status')).toHaveTextContent('正在读取样例…');
    expect(container.firstElementChild).toHaveClass('issue-examples__empty');
    expect(container.firstElementChild).not.toHaveClass('app-empty');
  });

  test('ErrorBanner shows the message as an alert with its code, and nothing without a message', () => {
    const { container, rerender } = render(<ErrorBanner message={null} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<ErrorBanner message='无权查看该会话' code='AUTH.FORBIDDEN' />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('无权查看该会话');
    expect(alert).toHaveAttribute('data-code', 'AUTH.FORBIDDEN');
    expect(alert).toHaveClass('app-error');
    expect(screen.queryByText('重试')).toBeNull();
  });

  test('ErrorBanner offers 重试 when the page can try again', () => {
    const retry = jest.fn();
    render(<ErrorBanner message='网络不可用' onRetry={retry} />);
    fireEvent.click(screen.getByText('重试'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  test('EmptyState takes its list’s block and --empty modifier, or the page-wide look', () => {
    const { container, rerender } = render(<EmptyState block='session-list' text='暂无会话' />);
    expect(screen.getByText('暂无会话')).toHaveClass('session-list', 'session-list--empty');
    rerender(<EmptyState text='这里什么也没有' />);
    expect(container.firstElementChild).toHaveClass('app-empty');
    expect(container.firstElementChild).toHaveTextContent('这里什么也没有');
  });
});
