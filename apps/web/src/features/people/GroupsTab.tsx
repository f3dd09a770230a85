import { GROUP_SORTS, type GroupListQuery, type GroupSort } from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { reasonOf } from './form-errors.ts';
import { ListCount, ListEmpty, useListPagination } from './ListParts.tsx';
import { ListSearch } from './ListSearch.tsx';
import { useListAddress } from './list-address.ts';
import { NameForm } from './NameForm.tsx';
import { type Group, peopleApi } from './people-api.ts';
import { UserSelect } from './pickers.tsx';

const GROUP_PATTERN = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

/** Local groups, searched, sorted and paged by the server (filters in the address): create, add and remove members, remove. */
export function GroupsTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const mayWrite = can('users:write', 'platform');
  const list = useListAddress<GroupSort>(GROUP_SORTS, 'name');
  const member = list.get('member');
  const query: GroupListQuery = {
    ...list.query,
    ...(list.get('q') && { q: list.get('q') }),
    ...(member && { member }),
  };
  const groups = useQuery({
    queryKey: ['people', 'groups', query],
    queryFn: () => peopleApi.groups(query),
    placeholderData: keepPreviousData,
  });
  const answer = groups.error ? undefined : groups.data;
  const pagination = useListPagination(list, answer?.total);
  const filtered = Boolean(list.get('q') || member);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['people'] });

  const done = (text: string) => () => {
    message.success(text);
    void refresh();
  };
  const failed = (error: Error) => message.error(reasonOf(error));
  const remove = useMutation({ mutationFn: peopleApi.removeGroup, onError: failed });
  const addMember = useMutation({
    mutationFn: ({ group, user }: { group: string; user: string }) => peopleApi.addMember(group, user),
    onError: failed,
  });
  const removeMember = useMutation({
    mutationFn: ({ group, user }: { group: string; user: string }) => peopleApi.removeMember(group, user),
    onError: failed,
  });

  const confirmRemove = (group: Group) =>
    modal.confirm({
      title: t('people.groups.removeTitle', { name: group.name }),
      content: t('people.groups.removeText', { name: group.name }),
      okText: t('people.groups.removeConfirm', { name: group.name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(group.name).then(done(t('people.groups.removed', { name: group.name }))),
    });
  const confirmRemoveMember = (group: string, user: string) =>
    modal.confirm({
      title: t('people.groups.removeMemberTitle', { user, group }),
      content: t('people.groups.removeMemberText', { user, group }),
      okText: t('people.groups.removeMemberConfirm', { user }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        removeMember
          .mutateAsync({ group, user })
          .then(done(t('people.groups.memberRemoved', { user, group }))),
    });

  return (
    <Flex vertical gap={8}>
      {mayWrite && (
        <Card size="small" title={t('people.groups.create')}>
          <NameForm
            pattern={GROUP_PATTERN}
            patternMessage={t('people.groups.nameRule')}
            namePlaceholder={t('people.groups.name')}
            submitText={t('people.create')}
            onCreate={(name, description) =>
              peopleApi.createGroup(name, description).then(done(t('people.groups.created', { name })))
            }
          />
        </Card>
      )}
      <Space wrap>
        <ListSearch
          value={list.get('q')}
          onSearch={(q) => list.change({ q })}
          placeholder={t('people.groups.search')}
        />
        <UserSelect
          style={{ width: 220 }}
          aria-label={t('people.groups.memberFilter')}
          placeholder={t('people.groups.memberFilter')}
          value={member || undefined}
          onChange={(user) => list.change({ member: user })}
        />
        <ListCount
          text={answer && t('people.groups.count', { count: format.number(answer.total) })}
          busy={groups.isFetching}
        />
      </Space>
      {groups.error && <ErrorNotice error={groups.error} onRetry={() => void groups.refetch()} />}
      <Table<Group>
        size="small"
        rowKey="name"
        loading={groups.isPending}
        dataSource={answer?.items ?? []}
        locale={{
          emptyText: (
            <ListEmpty
              text={filtered ? t('people.groups.noMatch') : t('people.groups.empty')}
              onClear={filtered ? () => list.change({ q: undefined, member: undefined }) : undefined}
            />
          ),
        }}
        pagination={pagination}
        onChange={(page, _filters, sorter, extra) =>
          list.onTableChange(page, sorter as never, extra as never)
        }
        columns={[
          {
            title: t('people.groups.name'),
            key: 'name',
            sorter: true,
            sortOrder: list.sortOrder('name'),
            render: (_, group) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{group.name}</Typography.Text>
                {group.description && <Typography.Text type="secondary">{group.description}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('people.groups.members'),
            key: 'members',
            sorter: true,
            sortOrder: list.sortOrder('members'),
            render: (_, group) => {
              const members = group.memberNames;
              return (
                <Space size={[4, 4]} wrap>
                  {members.length === 0 && (
                    <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                  )}
                  {members.map((user) => (
                    <Tag
                      key={user}
                      closable={mayWrite}
                      onClose={(event) => {
                        event.preventDefault();
                        confirmRemoveMember(group.name, user);
                      }}
                    >
                      {user}
                    </Tag>
                  ))}
                  {mayWrite && (
                    <UserSelect
                      size="small"
                      style={{ width: 160 }}
                      value={null as unknown as string}
                      placeholder={t('people.groups.addMember')}
                      aria-label={t('people.groups.addMemberTo', { group: group.name })}
                      allowClear={false}
                      onChange={(user) =>
                        user &&
                        !members.includes(user) &&
                        addMember
                          .mutateAsync({ group: group.name, user })
                          .then(done(t('people.groups.memberAdded', { user, group: group.name })))
                      }
                    />
                  )}
                </Space>
              );
            },
          },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, group: Group) => (
                    <Button size="small" danger onClick={() => confirmRemove(group)}>
                      {t('people.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
