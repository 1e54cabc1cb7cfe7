import { fireEvent, render, screen } from '@testing-library/react';
import AlertList from '../../../src/components/alert-list';
import { NOW, makeAlert } from '../support/factories';

describe('AlertList', () => {
  test('shows each alert’s severity, title, agent, team, score, status and time', () => {
    render(
      <AlertList
        now={NOW}
        alerts={[makeAlert({ severity: 'critical', status: 'acknowledged', title: '触犯红线：辱骂客户' })]}
      />,
    );
    expect(screen.getByText('严重')).toBeInTheDocument();
    expect(screen.getByText('触犯红线：辱骂客户')).toBeInTheDocument();
    expect(screen.getByText('客服 agent-007')).toBeInTheDocument();
    expect(screen.getByText('售后一组')).toBeInTheDocument();
    expect(screen.getByText('52 分')).toBeInTheDocument();
    expect(screen.getByText('已确认')).toBeInTheDocument();
    expect(screen.getByText('5 分钟前')).toBeInTheDocument();
  });

  test('shows the agent by name when the directory knows them', () => {
    render(<AlertList now={NOW} alerts={[makeAlert({})]} agentNames={{ 'agent-007': '王晓雨' }} />);
    expect(screen.getByText('客服 王晓雨')).toBeInTheDocument();
  });

  test('colours the severity tag by severity', () => {
    render(
      <AlertList
        now={NOW}
        alerts={[makeAlert({ _id: 'a', severity: 'low' }), makeAlert({ _id: 'b', severity: 'critical' })]}
      />,
    );
    expect(screen.getByText('低')).toHaveStyle({ backgroundColor: '#8c8c8c' });
    expect(screen.getByText('严重')).toHaveStyle({ backgroundColor: '#cf1322' });
  });

  test('renders the alerts in the given order', () => {
    const { container } = render(
      <AlertList
        now={NOW}
        alerts={[makeAlert({ _id: 'a2', title: '第二' }), makeAlert({ _id: 'a1', title: '第一' })]}
      />,
    );
    const ids = Array.from(container.querySelectorAll('[data-alert-id]')).map((el) => el.getAttribute('data-alert-id'));
    expect(ids).toEqual(['a2', 'a1']);
  });

  test('calls onTap with the tapped alert', () => {
    const onTap = jest.fn();
    const target = makeAlert({ _id: 'a2', title: '响应超时' });
    render(<AlertList now={NOW} alerts={[makeAlert({ _id: 'a1' }), target]} onTap={onTap} />);
    fireEvent.click(screen.getByText('响应超时'));
    expect(onTap).toHaveBeenCalledTimes(1);
    expect(onTap).toHaveBeenCalledWith(target);
  });

  test('shows the empty text when there are no alerts', () => {
    render(<AlertList alerts={[]} emptyText='暂无新告警' />);
    expect(screen.getByText('暂无新告警')).toBeInTheDocument();
  });
});

describe('AlertList, live arrivals', () => {
  test('highlights only the alerts that arrived live', () => {
    const { container } = render(
      <AlertList now={NOW} alerts={[makeAlert({ _id: 'a1' }), makeAlert({ _id: 'a2' })]} freshIds={['a2']} />,
    );
    expect(container.querySelector('[data-alert-id="a2"]')).toHaveClass('alert-list__item--fresh');
    expect(container.querySelector('[data-alert-id="a1"]')).not.toHaveClass('alert-list__item--fresh');
  });
});
