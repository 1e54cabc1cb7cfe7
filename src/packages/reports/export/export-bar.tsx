/**
 * 导出 on a report: XLSX or CSV of what the page shows (period, breakdown, the caller's scope),
 * through `reports/export`; the file then opens (WeChat: 打开文档, forwardable) or downloads (H5).
 * The link of the last export stays shown, with its size and how long it works.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ActionParams, ActionResult } from '@core/api.contract';
import { useAction } from '../../../hooks/use-action';
import { errorMessage } from '../../../services/api.error';
import { exportReport } from '../../../services/reports';
import { openExportedFile } from './open-file';
import './export-bar.scss';

type Query = Omit<ActionParams<'reports/export'>, 'format'>;
type Exported = ActionResult<'reports/export'>;

const sizeText = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} 字节`);

export default function ExportBar({ query }: { query: Query }) {
  const [last, setLast] = useState<Exported | null>(null);
  const exporting = useAction((format: 'xlsx' | 'csv') => exportReport({ ...query, format }), {
    onDone: async (file) => {
      setLast(file);
      await openExportedFile(file).catch((e: unknown) => Taro.showToast({ title: errorMessage(e), icon: 'none' }));
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });
  return (
    <View className='report-export'>
      <AtButton
        size='small'
        type='secondary'
        loading={exporting.running?.[0] === 'xlsx'}
        disabled={exporting.busy}
        onClick={() => void exporting.run('xlsx')}
      >
        导出 Excel
      </AtButton>
      <AtButton
        size='small'
        type='secondary'
        loading={exporting.running?.[0] === 'csv'}
        disabled={exporting.busy}
        onClick={() => void exporting.run('csv')}
      >
        导出 CSV
      </AtButton>
      {last ? (
        <View className='report-export__last' data-testid='export-last'>
          <Text className='report-export__name' onClick={() => void openExportedFile(last)}>
            {last.name}
          </Text>
          <Text className='report-export__meta'>
            {sizeText(last.bytes)} · 含 {last.sheets.join('、')} · 链接 2 小时内有效
          </Text>
        </View>
      ) : null}
    </View>
  );
}
