/**
 * Records of the knowledge base and training (issue 16): admin-managed articles (quick replies
 * for agents once published), the training catalogue, and training assigned to an agent (the
 * moment the before/after measure of coaching starts from).
 */

export type ArticleStatus = 'draft' | 'published';

/** A knowledge-base article (`kbArticles`). Title, body and tags are masked when stored. */
export interface KbArticle {
  _id: string;
  title: string;
  body: string;
  tags: string[];
  /** Issue types (core/text/issue-type.labels) the article answers; [] = any. */
  issueTypes: string[];
  status: ArticleStatus;
  /** Made from a knowledge gap: the representative questions it was prefilled with. */
  fromGap?: { issueType: string; questions: string[] };
  updatedBy: string;
  updatedAt: number;
}

/** A training catalogue item (`trainingItems`): tagged with the rules and skills it trains. */
export interface TrainingItem {
  _id: string;
  title: string;
  /** An https link (course, document) or empty. */
  link: string;
  description: string;
  ruleIds: string[];
  skills: string[];
  updatedBy: string;
  updatedAt: number;
}

/** Training given to one agent (`trainingAssignments`): its `at` splits before from after. */
export interface TrainingAssignment {
  _id: string;
  itemId: string;
  itemTitle: string;
  agentId: string;
  ruleIds: string[];
  by: string;
  at: number;
}
