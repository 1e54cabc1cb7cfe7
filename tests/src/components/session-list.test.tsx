import { fireEvent, render, screen } from '@testing-library/react';
import SessionList from '../../../src/components/session-list';
import { makeSession, NOW } from '../support/factories';

describe('SessionList cards', () => {
  test('lead with what the session is about: issue type, first line, the rules that cost points', () => {
    const session = makeSession({
      customerId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      issueType: 'logistics',
      preview: { text: '我的快递三天了还没到', at: NOW },
      score: { total: 55, passed: false, redLine: true, scoreId: 's', lost: ['引导站外交易', '首次响应超时'] },
    });
    render(<SessionList sessions={[session]} now={NOW} />);
    expect(screen.getByText('物流配送')).toBeInTheDocument();
    expect(screen.getByText('我的快递三天了还没到')).toBeInTheDocument();
    expect(screen.getByText('扣分：引导站外交易、首次响应超时')).toBeInTheDocument();
    expect(screen.getByText(/客户 oUpF…eS6o · 客服/)).toBeInTheDocument();
    expect(screen.queryByText(/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/)).toBeNull();
  });

  test('without a preview, the customer stands in, shortened', () => {
    render(<SessionList sessions={[makeSession({ customerId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' })]} now={NOW} />);
    expect(screen.getByText('客户 oUpF…eS6o')).toBeInTheDocument();
    expect(screen.queryByText(/扣分/)).toBeNull();
  });

  test('a tap names the session', () => {
    const onTap = jest.fn();
    const session = makeSession({ preview: { text: '想换个尺码', at: NOW } });
    render(<SessionList sessions={[session]} onTap={onTap} now={NOW} />);
    fireEvent.click(screen.getByText('想换个尺码'));
    expect(onTap).toHaveBeenCalledWith(session);
  });
});
