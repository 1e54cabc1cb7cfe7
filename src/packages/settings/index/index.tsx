import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { KB_SETTINGS_PAGE, SETTINGS_PAGES, TRAINING_SETTINGS_PAGE } from '../../../utils/routes';
import './index.scss';

/** Every settings page, in the order an admin usually needs them (issue 14). */
export const SETTINGS_LINKS: { title: string; hint: string; url: string }[] = [
  { title: '评分卡', hint: '规则开关、分值、关键词，回测后发布', url: SETTINGS_PAGES.scorecards },
  { title: '告警策略', hint: '各类告警的开关、阈值与防刷屏', url: SETTINGS_PAGES.alertPolicies },
  { title: '问题类型样例', hint: '教分类器识别客户问题类型', url: SETTINGS_PAGES.issueExamples },
  { title: '用户与团队', hint: '邀请码开通账号、角色与团队、停用', url: SETTINGS_PAGES.users },
  { title: '团队', hint: '带组主管与企业微信群机器人', url: SETTINGS_PAGES.teams },
  { title: '接入来源', hint: '签名接入 API 的来源与密钥轮换', url: SETTINGS_PAGES.sources },
  { title: '死信', hint: '未能接入的数据：查看、重放、丢弃', url: SETTINGS_PAGES.deadLetters },
  { title: '审计日志', hint: '谁在何时改了什么', url: SETTINGS_PAGES.audit },
  { title: '通用设置', hint: '申诉期限、抽检默认值', url: SETTINGS_PAGES.general },
  { title: '个人信息保护', hint: '消息保留期、客户查询与删除请求', url: SETTINGS_PAGES.privacy },
  { title: '知识库', hint: '文章（坐席的快捷回复）与知识缺口', url: KB_SETTINGS_PAGE },
  { title: '培训目录', hint: '按规则与技能标注的培训，用于推荐', url: TRAINING_SETTINGS_PAGE },
];

/** The settings home: one link per settings page (admins only: every action behind them is). */
export default function SettingsHome() {
  return (
    <View className='settings'>
      <View className='settings__card'>
        {SETTINGS_LINKS.map((l) => (
          <View
            key={l.url}
            className='settings__link'
            data-url={l.url}
            onClick={() => void Taro.navigateTo({ url: l.url })}
          >
            <View className='settings__grow'>
              <Text>{l.title}</Text>
              <Text className='settings__hint'>{l.hint}</Text>
            </View>
            <Text className='settings__meta'>›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
