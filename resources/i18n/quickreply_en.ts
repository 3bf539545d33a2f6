<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CheckTextWindow</name>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="30"/>
        <source>检查文本</source>
        <translation>Check text</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="36"/>
        <source>把要发给买家的话写在这里或粘贴进来，红线问题会实时标出。</source>
        <translation>Write or paste what you want to send the buyer; rule problems are marked as you type.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="47"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="50"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="67"/>
        <source>没有发现问题，可以发送。</source>
        <translation>No problems found: ready to send.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="70"/>
        <source>%1 处问题，其中 %2 处红线错误。</source>
        <translation>%1 problem(s), %2 of them rule errors.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/checktext.py" line="79"/>
        <source>已复制到剪贴板。</source>
        <translation>Copied to the clipboard.</translation>
    </message>
</context>
<context>
    <name>FindingsList</name>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="195"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="195"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="195"/>
        <source>提示</source>
        <translation>Hint</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="199"/>
        <source>%1「%2」：%3</source>
        <translation>%1 “%2”: %3</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="201"/>
        <source>%1：%3</source>
        <translation>%1: %3</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="206"/>
        <source>点击应用建议</source>
        <translation>Click to apply the suggestion</translation>
    </message>
</context>
<context>
    <name>FlowRunner</name>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="38"/>
        <source>话术流程</source>
        <translation>Talk scripts</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="72"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="74"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="76"/>
        <source>重新开始</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="78"/>
        <source>粘贴当前一步</source>
        <translation>Paste this step</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="93"/>
        <source>%1（%2 步）</source>
        <translation>%1 (%2 steps)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="170"/>
        <source>这个回复库里没有话术流程。</source>
        <translation>This library has no talk scripts.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="176"/>
        <source>（缺少：%1）</source>
        <translation>(missing: %1)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="189"/>
        <source>「%1」第 %2/%3 步</source>
        <translation>“%1”, step %2 of %3</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/flowrunner.py" line="193"/>
        <source>，按 %1 粘贴这一步</source>
        <translation>; press %1 to paste this step</translation>
    </message>
</context>
<context>
    <name>HotkeyEdit</name>
    <message>
        <location filename="../../quickreply/ui/manager/hotkeyedit.py" line="99"/>
        <source>点一下，然后按下想用的组合键</source>
        <translation>Click, then press the keys you want</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/hotkeyedit.py" line="103"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <location filename="../../quickreply/ui/manager/hotkeyedit.py" line="151"/>
        <source>「%1」缺少修饰键或普通键：请按住 Ctrl、Alt、Shift 或 Win 再按一个键</source>
        <translation>“%1” needs a modifier and a key: hold Ctrl, Alt, Shift or Win and press a key</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/hotkeyedit.py" line="154"/>
        <source>按键「%1」无法注册为全局快捷键，请换一个</source>
        <translation>“%1” cannot be a global hotkey; choose another</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/hotkeyedit.py" line="159"/>
        <source>已被占用：%1</source>
        <translation>Already used by: %1</translation>
    </message>
</context>
<context>
    <name>LibraryTreeModel</name>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="149"/>
        <source>我的回复（可编辑）</source>
        <translation>My replies (editable)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="186"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="186"/>
        <source>回复数</source>
        <translation>Replies</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="197"/>
        <source>（我的版本）</source>
        <translation> (my version)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="201"/>
        <source>你改过这条回复：搜索用的是你的版本，团队更新不会覆盖它。</source>
        <translation>You changed this reply: search uses your version, and team updates do not overwrite it.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/tree.py" line="203"/>
        <source>只读：修改后保存为你的个人版本。</source>
        <translation>Read-only: saving a change makes it your own version.</translation>
    </message>
</context>
<context>
    <name>LintEdit</name>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="134"/>
        <source>（点击删除）</source>
        <translation> (click to delete)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="135"/>
        <source>（点击改为「%1」）</source>
        <translation> (click to change to “%1”)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/lintedit.py" line="224"/>
        <source>占位符有误：</source>
        <translation>Placeholder mistake: </translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="60"/>
        <source>管理回复</source>
        <translation>Manage replies</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="91"/>
        <source>新建回复</source>
        <translation>New reply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="94"/>
        <source>复制一份</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="96"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="99"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="101"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="124"/>
        <source>重新读取</source>
        <translation>Read again</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="127"/>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="134"/>
        <source>搜索回复：中文、拼音、首字母或快捷编码</source>
        <translation>Search replies: Chinese, pinyin, initials or a shortcut code</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="232"/>
        <source>没有保存：%1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="258"/>
        <source>新建「%1」</source>
        <translation>new “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="261"/>
        <source>修改「%1」（我的版本）</source>
        <translation>edit “%1” (my version)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="264"/>
        <source>修改「%1」</source>
        <translation>edit “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="274"/>
        <location filename="../../quickreply/ui/manager/window.py" line="279"/>
        <source>（副本）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="285"/>
        <source>复制「%1」</source>
        <translation>duplicate “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="293"/>
        <source>删除「%1」</source>
        <translation>delete “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="301"/>
        <source>顶层</source>
        <translation>top level</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="302"/>
        <source>移动「%1」到「%2」</source>
        <translation>move “%1” to “%2”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="313"/>
        <source>恢复团队版本「%1」</source>
        <translation>restore the team version of “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="329"/>
        <source>你的个人回复文件有错误，快捷回复没有改动它：</source>
        <translation>Your personal replies file has an error; QuickReply has not changed it:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="331"/>
        <source>请用记事本打开它改好这一行，再点“重新读取”。</source>
        <translation>Open it in Notepad, fix this line, then click “Read again”.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="334"/>
        <source>在修好之前，这里和搜索面板用的是最近一次完好的备份。</source>
        <translation>Until it is fixed, this window and the palette use the last good backup.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="352"/>
        <source>个人回复文件有错误</source>
        <translation>Personal replies file has an error</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/window.py" line="353"/>
        <source>%1 第 %2 行有错误：%3

用管理器里的内容覆盖它吗？出错的文件会留一份在 backups 文件夹里。</source>
        <translation>%1, line %2: %3

Replace it with what the manager shows? A copy of the broken file stays in the backups folder.</translation>
    </message>
</context>
<context>
    <name>ManagerWindows</name>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="92"/>
        <source>打开搜索面板</source>
        <translation>Open the search palette</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="93"/>
        <source>粘贴话术当前一步</source>
        <translation>Paste the current talk-script step</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="94"/>
        <source>检查文本</source>
        <translation>Check text</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="171"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="171"/>
        <source>先在“话术流程”里选一个流程</source>
        <translation>Choose a talk script in “Talk scripts” first</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="217"/>
        <source>个人回复文件有错误（%1:%2）：%3。用记事本改好这一行后，在“管理回复”里点“重新读取”。</source>
        <translation>Your personal replies file has an error (%1:%2): %3. Fix this line in Notepad, then click “Read again” in “Manage replies”.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="229"/>
        <source>在修好之前，搜索用的是最近一次完好的备份。</source>
        <translation> Until it is fixed, search uses the last good backup.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="258"/>
        <source>管理回复…</source>
        <translation>Manage replies…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="259"/>
        <source>检查文本…</source>
        <translation>Check text…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="260"/>
        <source>话术流程…</source>
        <translation>Talk scripts…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="261"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/windows.py" line="262"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="19"/>
        <source>自动（跟随聊天程序）</source>
        <translation>Automatic (follows the chat program)</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="20"/>
        <source>通用</source>
        <translation>Generic</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="21"/>
        <source>淘宝</source>
        <translation>Taobao</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="22"/>
        <source>天猫</source>
        <translation>Tmall</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="23"/>
        <source>京东</source>
        <translation>JD</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="24"/>
        <source>拼多多</source>
        <translation>Pinduoduo</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="25"/>
        <source>抖音</source>
        <translation>Douyin</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="26"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/names.py" line="29"/>
        <source>自动（跟随系统）</source>
        <translation>Automatic (follow the system)</translation>
    </message>
</context>
<context>
    <name>NoTrayNote</name>
    <message>
        <location filename="../../quickreply/ui/manager/welcome.py" line="56"/>
        <source>快捷回复助手已在运行</source>
        <translation>QuickReply is running</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/welcome.py" line="65"/>
        <source>这个桌面没有系统托盘，所以看不到快捷回复的图标，但它已经在后台运行：

· 按 %1 打开搜索面板，输入几个字，按 Enter 粘贴回复；
· 面板右下角的 ☰ 按钮可以打开管理回复、检查文本、设置和退出；
· 在命令行运行 quickreply toggle 也能打开面板。

你的回复、设置和备份都在这个文件夹：
%2</source>
        <translation>This desktop has no system tray, so you cannot see the QuickReply icon, but it is running:

· press %1 to open the search palette, type a few letters and press Enter to paste a reply;
· the ☰ button at the bottom right of the palette opens Manage replies, Check text, Settings and Quit;
· running quickreply toggle in a terminal opens the palette too.

Your replies, settings and backups are in this folder:
%2</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/welcome.py" line="77"/>
        <source>打开搜索面板</source>
        <translation>Open the search palette</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/welcome.py" line="79"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="98"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="110"/>
        <source>搜索回复：中文、拼音、首字母或快捷编码</source>
        <translation>Search replies: Chinese, pinyin, initials or a shortcut code</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="332"/>
        <source>在此修改 · Tab 采用建议 · Enter 粘贴所示文字 · Shift+Enter 换行 · Esc 返回</source>
        <translation>Edit here · Tab apply suggestion · Enter paste the text shown · Shift+Enter new line · Esc back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="360"/>
        <source>↑↓/Tab 选择 · Enter 粘贴 · Ctrl+Enter 仅复制 · Alt+1–9 直接选 · Esc 关闭</source>
        <translation>↑↓/Tab select · Enter paste · Ctrl+Enter copy only · Alt+1–9 pick · Esc close</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="320"/>
        <source>没有找到匹配的回复</source>
        <translation>No reply matches</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="298"/>
        <source>Enter 下一项 / 最后一项粘贴 · Esc 返回</source>
        <translation>Enter: next field / paste after the last · Esc: back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="308"/>
        <source>请填写「%1」</source>
        <translation>Please fill in “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="185"/>
        <source>这条回复可能触犯平台红线，可以直接在下面修改：</source>
        <translation>This reply may break a platform rule; you can fix it right here:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="187"/>
        <source>没有红线问题了，按 Enter 粘贴。</source>
        <translation>No rule problems left; press Enter to paste.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="207"/>
        <source>另有 %1 处已在文中标出</source>
        <translation>%1 more marked in the text</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="231"/>
        <source>改为「%1」</source>
        <translation>Change to “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="233"/>
        <source>删去</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="288"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="289"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="290"/>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="132"/>
        <source>将要发送：</source>
        <translation>Will be sent:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="153"/>
        <source>填写「%1」的空白：</source>
        <translation>Fill in the blanks of “%1”:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="164"/>
        <location filename="../../quickreply/ui/palette/form.py" line="179"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>PaletteMenu</name>
    <message>
        <location filename="../../quickreply/ui/manager/welcome.py" line="102"/>
        <source>菜单：管理回复、检查文本、设置、退出</source>
        <translation>Menu: manage replies, check text, settings, quit</translation>
    </message>
</context>
<context>
    <name>PasteTable</name>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="66"/>
        <source>程序</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="65"/>
        <source>粘贴按键</source>
        <translation>Paste key</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="65"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="72"/>
        <source>添加程序</source>
        <translation>Add a program</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="74"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="87"/>
        <source>程序名，如 AliWorkBench、xterm</source>
        <translation>The program name, e.g. AliWorkBench, xterm</translation>
    </message>
</context>
<context>
    <name>QuickReplyApp</name>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="225"/>
        <source>话术「%1」下一步（%2/%3）：%4</source>
        <translation>Script “%1”, next step (%2/%3): %4</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/hotkey_binding.py" line="34"/>
        <source>快捷键 %1 已被其他程序占用，请在设置中换一个</source>
        <translation>The hotkey %1 is taken by another program; choose another one in the settings</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/hotkey_binding.py" line="43"/>
        <source>无法注册全局快捷键 %1：%2</source>
        <translation>Cannot register the global hotkey %1: %2</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/focus_watch.py" line="68"/>
        <source>搜索面板没有得到键盘焦点，请用鼠标点一下面板再输入</source>
        <translation>The search palette did not get the keyboard focus; click it once, then type</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="424"/>
        <location filename="../../quickreply/ui/paste_reports.py" line="23"/>
        <location filename="../../quickreply/ui/reloading.py" line="68"/>
        <location filename="../../quickreply/ui/team_updates.py" line="64"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="414"/>
        <source>红线检查无法启动，粘贴前不会检查：%1</source>
        <translation>The red-line checker could not start; replies are pasted unchecked: %1</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/reloading.py" line="49"/>
        <source>回复包没有载入：%1</source>
        <translation>The pack was not loaded: %1</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/reloading.py" line="61"/>
        <source>回复已更新：新增 %1 条，修改 %2 条，删除 %3 条</source>
        <translation>Replies updated: %1 added, %2 changed, %3 removed</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/team_updates.py" line="79"/>
        <source>团队话术包没有更新，仍在使用上次检查通过的版本：%1</source>
        <translation>A team pack was not updated; the last copy that passed its checks stays in use: %1</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="66"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="68"/>
        <source>用 / 分级，如 售后/退款</source>
        <translation>Levels joined by /, e.g. 售后/退款</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="69"/>
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="71"/>
        <source>回复正文；{名字} 是要填的空，选项写成 {size:S|M|L}</source>
        <translation>Reply text; {name} is a blank to fill, a choice is written {size:S|M|L}</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="74"/>
        <source>正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="82"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="84"/>
        <source>如 kj1，多个用空格或逗号分开</source>
        <translation>e.g. kj1; separate several with spaces or commas</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="85"/>
        <source>快捷编码</source>
        <translation>Shortcut codes</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="87"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="97"/>
        <source>适用平台</source>
        <translation>Platforms</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="99"/>
        <source>快捷键</source>
        <translation>Hotkey</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="107"/>
        <source>恢复团队版本</source>
        <translation>Restore team version</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="111"/>
        <location filename="../../quickreply/ui/manager/editor.py" line="151"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="145"/>
        <source>这是内置或团队的回复，只读。修改后保存，会存为你的个人版本，团队更新不会覆盖它。</source>
        <translation>A built-in or team reply, read-only. Saving a change makes it your own version, which team updates do not overwrite.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="146"/>
        <source>这是你改过的团队回复（个人版本）。可随时恢复团队版本。</source>
        <translation>A team reply you changed (your version). You can restore the team version at any time.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="147"/>
        <source>新回复：写好后保存，就能在搜索面板里找到。</source>
        <translation>New reply: save it and the palette finds it.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="151"/>
        <source>保存为我的版本</source>
        <translation>Save as my version</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="190"/>
        <source>请写一个标题</source>
        <translation>Write a title</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="192"/>
        <source>正文不能为空</source>
        <translation>The text cannot be empty</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="194"/>
        <source>正文里的占位符有误，见标红处</source>
        <translation>A placeholder in the text is wrong: see the red mark</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="197"/>
        <source>快捷编码 %1 已被「%2」使用</source>
        <translation>The shortcut code %1 is already used by “%2”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/manager/editor.py" line="213"/>
        <source>其他程序</source>
        <translation>another program</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="83"/>
        <source>个人</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="85"/>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="86"/>
        <source>团队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="91"/>
        <source>按消息推荐</source>
        <translation>Suggested for the message</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../quickreply/core/settings.py" line="131"/>
        <source>打开搜索面板的全局快捷键</source>
        <translation>Global hotkey that opens the search palette</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="137"/>
        <source>粘贴话术流程当前一步的快捷键</source>
        <translation>Hotkey that pastes the current talk-script step</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="143"/>
        <source>打开“检查文本”窗口的快捷键</source>
        <translation>Hotkey that opens “Check text”</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="149"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="156"/>
        <source>红线检查按哪个平台的规则（“自动”跟随前台的聊天软件）</source>
        <translation>Platform whose red-line rules the checker uses (“Automatic” follows the chat program in front)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="163"/>
        <source>聊天软件对应的平台（自动时使用）</source>
        <translation>Platform of each chat program (used when automatic)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="166"/>
        <source>客服名字，填入 {客服}</source>
        <translation>Agent name, fills {agent}</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="167"/>
        <source>店铺名称，填入 {店铺}</source>
        <translation>Shop name, fills {shop}</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="172"/>
        <source>默认的粘贴按键</source>
        <translation>Default paste keystroke</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="179"/>
        <source>按程序指定粘贴按键（常见终端已内置）</source>
        <translation>Paste key per program (common terminals are built in)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="186"/>
        <source>目标程序取走回复后多久恢复原剪贴板（毫秒）</source>
        <translation>Delay after the chat window took the reply before the earlier clipboard comes back (ms)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="194"/>
        <source>最多等多久确认回复被粘贴，超时会提示手动粘贴（毫秒）</source>
        <translation>How long to wait for the chat window to take the reply before asking for a paste by hand (ms)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="202"/>
        <source>打字速度（每分钟字数），用来估算节省的时间</source>
        <translation>Typing speed (characters a minute), to estimate the time saved</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="212"/>
        <source>登录系统时自动启动</source>
        <translation>Start when I log in</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="210"/>
        <source>发现红线错误时先确认再粘贴</source>
        <translation>Ask before pasting a reply with a red-line error</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="125"/>
        <source>快捷回复助手 设置</source>
        <translation>QuickReply settings</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="200"/>
        <source>：请按下一个组合键</source>
        <translation>: press a key combination</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="210"/>
        <source>%1 已被「%2」使用</source>
        <translation>%1 is already used by “%2”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="217"/>
        <source>%1 已被其他程序占用</source>
        <translation>%1 is already taken by another program</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="222"/>
        <source>回复「%1」</source>
        <translation>reply “%1”</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="80"/>
        <location filename="../../quickreply/ui/tray.py" line="99"/>
        <source>搜索回复</source>
        <translation>Search replies</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="81"/>
        <source>管理回复…</source>
        <translation>Manage replies…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="82"/>
        <source>检查文本…</source>
        <translation>Check text…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="83"/>
        <source>话术流程…</source>
        <translation>Talk scripts…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="84"/>
        <source>暂停快捷键</source>
        <translation>Pause hotkeys</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="85"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="86"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="114"/>
        <source>快捷回复助手</source>
        <translation>QuickReply assistant</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="116"/>
        <source>（快捷键已暂停）</source>
        <translation> (hotkeys paused)</translation>
    </message>
</context>
</TS>
