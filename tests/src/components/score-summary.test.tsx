import { render, screen } from '@testing-library/react';
import ScoreSummary from '../../../src/components/score-summary';

describe('ScoreSummary', () => {
  test('shows the total, the verdict and each section', () => {
    render(
      <ScoreSummary
        score={{
          total: 58,
          passed: false,
          redLine: false,
          sections: [{ id: 'attitude', name: '服务态度', score: 18, max: 30 }],
        }}
      />,
    );
    expect(screen.getByText('58')).toBeInTheDocument();
    expect(screen.getByText('不合格')).toBeInTheDocument();
    expect(screen.getByText('服务态度')).toBeInTheDocument();
    expect(screen.getByText('18/30')).toBeInTheDocument();
    expect(screen.queryByText('触犯红线')).toBeNull();
  });

  test('flags a red line', () => {
    render(<ScoreSummary score={{ total: 0, passed: false, redLine: true }} />);
    expect(screen.getByText('触犯红线')).toBeInTheDocument();
  });

  test('says so when the session is not scored', () => {
    render(<ScoreSummary score={null} />);
    expect(screen.getByText('尚未评分')).toBeInTheDocument();
  });
});
