import { Controller, Get, Query } from '@nestjs/common';
import {
  RecurringQuestionsQuerySchema,
  RecurringQuestionsSchema,
  SuggestionsPageSchema,
  SuggestionsQuerySchema,
  type RecurringQuestions,
  type SuggestionsPage,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { InsightsService } from './insights.service.js';

/** Recurring questions and suggestions; read-only, every role may read. */
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('recurring-questions')
  @ApiDoc({
    tag: 'insights',
    summary:
      'The same question from at least minAuthors authors in the last `days` days (intent question, corrections win, spam out), clustered by TF-IDF cosine of the normalised words: FAQ or proactive-post candidates',
    query: RecurringQuestionsQuerySchema,
    response: RecurringQuestionsSchema,
  })
  recurringQuestions(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(RecurringQuestionsQuerySchema)) q: z.output<typeof RecurringQuestionsQuerySchema>,
  ): Promise<RecurringQuestions> {
    return this.insights.recurringQuestions(auth, q);
  }

  @Get('suggestions')
  @ApiDoc({
    tag: 'insights',
    summary: 'Mentions whose intent is suggestion (corrections win, spam out), newest posted first, a page at a time (nextCursor)',
    query: SuggestionsQuerySchema,
    response: SuggestionsPageSchema,
  })
  suggestions(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(SuggestionsQuerySchema)) q: z.output<typeof SuggestionsQuerySchema>,
  ): Promise<SuggestionsPage> {
    return this.insights.suggestions(auth, q);
  }
}
