/**
 * Knowledge-base quick replies (issue 16, kb): the agent types a few words, the published
 * articles that contain them (`kb/list` with `q`, matched on our segmenter's words) come back
 * as chips, and a tap hands the article's body to the reply box's draft. Beside the team's
 * templates, which are short fixed phrases; articles are the longer standard answers.
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { KbArticle } from '@core/kb/kb.model';
import { errorMessage } from '../../services/api.error';
import { inputValue } from '../../utils/input';
import './index.scss';

export interface KbSearchProps {
  search: (q: string) => Promise<KbArticle[]>;
  onPick: (text: string) => void;
}

export default function KbSearch({ search, onPick }: KbSearchProps) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<KbArticle[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async () => {
    const words = q.trim();
    if (!words) return;
    setFailure(null);
    try {
      setFound(await search(words));
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };

  return (
    <View className='kb-search'>
      <View className='kb-search__bar'>
        <Input
          className='kb-search__input'
          value={q}
          maxlength={40}
          placeholder='搜索知识库，如：退款到账'
          confirmType='search'
          onInput={(e) => setQ(inputValue(e))}
          onConfirm={() => void run()}
        />
        <Text className='kb-search__go' onClick={() => void run()}>
          搜索
        </Text>
      </View>
      {failure ? <Text className='kb-search__failure'>{failure}</Text> : null}
      {found !== null && found.length === 0 ? <Text className='kb-search__none'>知识库里没有相关文章</Text> : null}
      {found && found.length > 0 ? (
        <View className='kb-search__results'>
          {found.slice(0, 6).map((a) => (
            <Text
              key={a._id}
              className='kb-search__result'
              data-article-id={a._id}
              onClick={() => {
                onPick(a.body);
                setFound(null);
              }}
            >
              {a.title}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
