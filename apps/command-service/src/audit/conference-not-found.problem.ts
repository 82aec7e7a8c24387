import { ProblemException, problemType } from '#libs/service-kit';

export const conferenceNotFound = (conferenceId: string, detail = `conference ${conferenceId} does not exist`) =>
  new ProblemException({ type: problemType('conference-not-found'), title: 'No such conference', status: 404, detail });
