/**
 * 定期回顾报告: the caller's periodic review reports (the sweep writes one per closed month,
 * quarter and half-year; agents: their month), newest first. Opening one shows its headline
 * figures with the change, its flags and the rules hit most, and opens its XLSX (WeChat: 打开文档,
 * forwardable; H5: a download). A subscription message or an agent's notice opens it by `id`.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { getPeriodicReport, listPeriodicReports } from '../../../services/reports';
import { openExportedFile } from '../export/open-file';
import { headlineText } from './periodic-view';
import './index.scss';

export default function PeriodicReportsPage() {
  const { params } = useRouter();
  const { user } = useCurrentUser();
  const [openId, setOpenId] = useState<string | null>(params.id ?? null);
  const list = useRemote(user ? () => listPeriodicReports({ limit: 50 }) : null, [user?._id]);
  const report = useRemote(openId ? () => getPeriodicReport(openId) : null, [openId]);
  const opening = useAction(
    async () => {
      const r = report.data;
      if (r?.file) await openExportedFile({ fileID: r.file.fileID, url: r.url, name: r.file.name, format: 'xlsx' });
    },
    { onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }) },
  );
  const items = list.data?.items ?? [];

  return (
    <View className='periodic-page'>
      <ErrorBanner message={list.error ?? report.error} onRetry={list.reload} />
      {!list.loaded ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState text='还没有定期回顾报告：每月、每季度、每半年结束后自动生成' />
      ) : (
        items.map((item) => (
          <View key={item._id} className='periodic-item'>
            <View
              className='periodic-item__head'
              data-testid={`periodic-${item._id}`}
              onClick={() => setOpenId(openId === item._id ? null : item._id)}
            >
              <Text className='periodic-item__title'>{item.title}</Text>
              <Text className='periodic-item__meta'>
                {item.period.first} 至 {item.period.last}
                {item.summary.flags.some((f) => f.level === 'warn') ? ' · 需关注' : ''}
              </Text>
            </View>
            {openId === item._id ? (
              report.data && report.data._id === item._id ? (
                <View className='periodic-item__body'>
                  {report.data.summary.headline.map((h) => {
                    const t = headlineText(h);
                    return (
                      <View key={h.key} className='periodic-figure'>
                        <Text className='periodic-figure__label'>{h.label}</Text>
                        <Text className='periodic-figure__value'>{t.value}</Text>
                        <Text
                          className={`periodic-figure__change${h.better === true ? ' periodic-figure__change--good' : h.better === false ? ' periodic-figure__change--bad' : ''}`}
                        >
                          {t.change}
                        </Text>
                      </View>
                    );
                  })}
                  {report.data.summary.flags.map((f) => (
                    <Text key={f.text} className={`periodic-flag periodic-flag--${f.level}`}>
                      {f.text}
                    </Text>
                  ))}
                  {report.data.summary.topRules.length > 0 ? (
                    <View className='periodic-rules'>
                      <Text className='periodic-rules__heading'>命中最多的规则</Text>
                      {report.data.summary.topRules.map((r) => (
                        <Text key={r.rule} className='periodic-rules__row'>
                          {r.rule}：{r.hits} 次（上期 {r.previous}）
                        </Text>
                      ))}
                    </View>
                  ) : null}
                  {report.data.file ? (
                    <AtButton size='small' type='secondary' loading={opening.busy} onClick={() => void opening.run()}>
                      打开 Excel（{report.data.file.name}）
                    </AtButton>
                  ) : null}
                </View>
              ) : (
                <Loading />
              )
            ) : null}
          </View>
        ))
      )}
    </View>
  );
}
