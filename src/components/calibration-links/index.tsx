import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import { CALIBRATION_ROUNDS_PAGE, CASES_PAGE, PRECISION_PAGE, REPORTS_PAGE } from '../../utils/routes';

/** Links into the calibration area (the case library for everyone; calibration rounds and rule precision for reviewers) and the reports. */
export default function CalibrationLinks({ precision = false }: { precision?: boolean }) {
  const link = (url: string, text: string) => (
    <Text
      style={{ marginRight: '32px', color: '#1677ff', textDecoration: 'underline' }}
      onClick={() => void Taro.navigateTo({ url })}
    >
      {text}
    </Text>
  );
  return (
    <View style={{ padding: '16px 32px' }}>
      {link(REPORTS_PAGE, '数据报表')}
      {link(CASES_PAGE, '案例库')}
      {precision ? link(CALIBRATION_ROUNDS_PAGE, '校准') : null}
      {precision ? link(PRECISION_PAGE, '规则准确率') : null}
    </View>
  );
}
